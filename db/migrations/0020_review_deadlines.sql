CREATE TABLE "stage_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stage_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"story_id" integer NOT NULL,
	"flow_version_id" integer NOT NULL,
	"stage" smallint NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"due_soon_at" timestamp with time zone,
	"due_soon_notified_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"assignee_id" integer,
	"assigned_by_id" integer,
	"assigned_at" timestamp with time zone,
	"assignment_due_at" timestamp with time zone,
	CONSTRAINT "stage_visits_stage_range" CHECK ("stage_visits"."stage" between 0 and 7),
	CONSTRAINT "stage_visits_left_after_entry" CHECK ("stage_visits"."left_at" is null or "stage_visits"."left_at" >= "stage_visits"."entered_at"),
	CONSTRAINT "stage_visits_assignment_whole" CHECK ("stage_visits"."assignee_id" is not null or "stage_visits"."assignment_due_at" is null)
);
--> statement-breakpoint
ALTER TABLE "stage_visits" ADD CONSTRAINT "stage_visits_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_visits" ADD CONSTRAINT "stage_visits_flow_version_id_review_flow_versions_id_fk" FOREIGN KEY ("flow_version_id") REFERENCES "public"."review_flow_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_visits" ADD CONSTRAINT "stage_visits_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_visits" ADD CONSTRAINT "stage_visits_assigned_by_id_users_id_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stage_visits_open_key" ON "stage_visits" USING btree ("story_id") WHERE "stage_visits"."left_at" is null;--> statement-breakpoint
CREATE INDEX "stage_visits_story_idx" ON "stage_visits" USING btree ("story_id","entered_at");--> statement-breakpoint
CREATE INDEX "stage_visits_due_soon_idx" ON "stage_visits" USING btree ("due_soon_at") WHERE "stage_visits"."left_at" is null and "stage_visits"."due_soon_notified_at" is null;--> statement-breakpoint
CREATE INDEX "stage_visits_overdue_idx" ON "stage_visits" USING btree ("due_at") WHERE "stage_visits"."left_at" is null and "stage_visits"."overdue_notified_at" is null;--> statement-breakpoint
CREATE INDEX "stage_visits_assignee_idx" ON "stage_visits" USING btree ("assignee_id") WHERE "stage_visits"."left_at" is null;--> statement-breakpoint
-- Hand-written: every story waiting or claimed at a stage when this runs gets
-- its open stay, entered at its latest move into the stage (submit, resubmit,
-- restart, approve or send back), else its submit time. No stage had a limit
-- before this migration, so none has a deadline.
INSERT INTO "stage_visits" ("story_id", "flow_version_id", "stage", "entered_at")
SELECT s."id", s."flow_version_id", s."stage",
  coalesce(greatest(
    (SELECT max(e."created_at") FROM "story_events" e WHERE e."story_id" = s."id" AND e."action" IN ('submit', 'resubmit', 'restart_flow')),
    (SELECT max(d."created_at") FROM "stage_decisions" d WHERE d."story_id" = s."id" AND d."decision" IN ('approve', 'send_back'))
  ), s."submitted_at", s."updated_at")
FROM "stories" s
WHERE s."status" IN ('submitted', 'in_review') AND s."flow_version_id" IS NOT NULL AND s."stage" IS NOT NULL;
