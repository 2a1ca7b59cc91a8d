ALTER TABLE "story_search" ADD COLUMN "column_id" integer;--> statement-breakpoint
UPDATE "story_search" ss SET "column_id" = s."column_id" FROM "stories" s WHERE s."id" = ss."story_id";
