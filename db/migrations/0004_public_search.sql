-- The public search's words of a text. lib/content/search-query.ts cuts
-- the CJK part of a query the same way (its CJK_RANGES must match the ranges
-- here) and sends the rest through this function. Each run of CJK characters
-- becomes its overlapping two-character pieces plus its last character: the
-- pieces at even offsets, then at odd ones (the run less its first
-- character), so 渝东南 gives 渝东 南 and 东南. Other words are split at
-- punctuation and between letters and digits (iphone15 also gives iphone and
-- 15) and lowercased as the database's collation does; NFKC first. A few
-- milliseconds for a long story: lib/search reaches it only through the
-- indexes below, never row by row.
CREATE FUNCTION public_search_text(doc text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT
    regexp_replace(cjk, '([\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]{2})', '\1 ', 'g')
    || ' ' ||
    regexp_replace(regexp_replace(cjk, ' [\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]', ' ', 'g'), '([\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]{2})', '\1 ', 'g')
    || ' ' || other
    || ' ' || regexp_replace(regexp_replace(other, '([a-z])([0-9])', '\1 \2', 'g'), '([0-9])([a-z])', '\1 \2', 'g')
  FROM (
    SELECT
      ' ' || regexp_replace(plain, '[^\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]+', ' ', 'g') AS cjk,
      regexp_replace(
        lower(regexp_replace(plain, '[\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]+', ' ', 'g')),
        '[[:punct:][:space:]\u00a0-\u00bf\u00d7\u00f7\u2000-\u2bff\u3000-\u3006\u3008-\u303f\ufe10-\ufe6f\uff00-\uffef\U0001f000-\U0001faff]+',
        ' ', 'g') AS other
    FROM (SELECT normalize(doc, NFKC) AS plain) AS normalized
  ) AS parts
$$;--> statement-breakpoint
CREATE TABLE "story_search" (
	"story_id" integer PRIMARY KEY NOT NULL,
	"story_version" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"body_text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story_search" ADD CONSTRAINT "story_search_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The stories published so far, copied before the indexes exist: one bulk
-- build is much faster than indexing row by row (lib/search-index then keeps
-- the copy, and its start-up backfill catches stories written without lib/).
INSERT INTO "story_search" ("story_id", "story_version", "published_at", "title", "body_text")
SELECT "id", "version", "published_at", "title", "body_text" FROM "stories" WHERE "status" = 'published';--> statement-breakpoint
CREATE INDEX "story_search_words_idx" ON "story_search" USING gin (to_tsvector('simple', public_search_text("title" || ' ' || "body_text")));--> statement-breakpoint
CREATE INDEX "story_search_title_idx" ON "story_search" USING gin (to_tsvector('simple', public_search_text("title")));--> statement-breakpoint
-- No planner statistics for these expressions: gathering them would run the
-- function over a sample of up to 30,000 stories at every automatic ANALYZE,
-- and lib/search reaches the indexes the same way whatever the estimate.
ALTER INDEX "story_search_words_idx" ALTER COLUMN 1 SET STATISTICS 0;--> statement-breakpoint
ALTER INDEX "story_search_title_idx" ALTER COLUMN 1 SET STATISTICS 0;
