ALTER TABLE "stories" ADD COLUMN "reviewer_names" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "signer_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Stories already signed off keep the names their decisions give (as
-- reviewNames in lib/review-flows/position.ts computes them at a sign-off):
-- the signer is the latest sign-off's, or the leader it was recorded for.
UPDATE "stories" s SET "signer_name" = d.signer
FROM (
  SELECT DISTINCT ON (sd."story_id") sd."story_id", coalesce(nullif(sd."recorded_for_name", ''), u."display_name") AS signer
  FROM "stage_decisions" sd JOIN "users" u ON u."id" = sd."actor_id"
  WHERE sd."decision" = 'sign_off'
  ORDER BY sd."story_id", sd."id" DESC
) d
WHERE s."id" = d."story_id" AND s."status" IN ('published', 'scheduled', 'unpublished');--> statement-breakpoint
-- Published before review in stages: who published it signed it off.
UPDATE "stories" s SET "signer_name" = u."display_name"
FROM "users" u
WHERE u."id" = s."published_by_id" AND s."signer_name" = '' AND s."status" IN ('published', 'scheduled', 'unpublished');--> statement-breakpoint
-- Scheduled before review in stages (no publisher yet): who scheduled it.
UPDATE "stories" s SET "signer_name" = e.name
FROM (
  SELECT DISTINCT ON (ev."story_id") ev."story_id", u."display_name" AS name
  FROM "story_events" ev JOIN "users" u ON u."id" = ev."actor_id"
  WHERE ev."action" IN ('publish', 'schedule', 'republish')
  ORDER BY ev."story_id", ev."id" DESC
) e
WHERE s."id" = e."story_id" AND s."signer_name" = '' AND s."status" IN ('published', 'scheduled', 'unpublished');--> statement-breakpoint
-- 审核: the latest approval of each desk stage of the story's flow version
-- after the first (the responsible editor's), in stage order.
UPDATE "stories" s SET "reviewer_names" = r.names
FROM (
  SELECT b."story_id", string_agg(b.name, '、' ORDER BY b."stage") AS names
  FROM (
    SELECT a.*, row_number() OVER (PARTITION BY a."story_id" ORDER BY a."stage") AS nth
    FROM (
      SELECT DISTINCT ON (sd."story_id", sd."stage") sd."story_id", sd."stage", coalesce(nullif(sd."recorded_for_name", ''), u."display_name") AS name
      FROM "stage_decisions" sd
      JOIN "users" u ON u."id" = sd."actor_id"
      JOIN "stories" st ON st."id" = sd."story_id" AND st."flow_version_id" = sd."flow_version_id"
      JOIN "review_flow_versions" v ON v."id" = sd."flow_version_id"
      WHERE sd."decision" = 'approve' AND coalesce(v."stages" -> sd."stage" ->> 'holders', '') <> 'unit'
      ORDER BY sd."story_id", sd."stage", sd."id" DESC
    ) a
  ) b
  WHERE b.nth > 1
  GROUP BY b."story_id"
) r
WHERE s."id" = r."story_id" AND s."status" IN ('published', 'scheduled', 'unpublished');
