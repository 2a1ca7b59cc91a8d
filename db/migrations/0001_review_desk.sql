CREATE TABLE "story_fingerprints" (
	"story_id" integer NOT NULL,
	"band" integer NOT NULL,
	"hash" integer NOT NULL,
	CONSTRAINT "story_fingerprints_story_id_band_pk" PRIMARY KEY("story_id","band")
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "public_id" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "story_fingerprints" ADD CONSTRAINT "story_fingerprints_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_fingerprints_band_idx" ON "story_fingerprints" USING btree ("band","hash");--> statement-breakpoint
CREATE UNIQUE INDEX "stories_public_id_key" ON "stories" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "notifications_outbox_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."emailed_at" is null;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_public_id_format" CHECK ("stories"."public_id" is null or ("stories"."public_id" ~ '^[a-z0-9][a-z0-9-]{2,63}$' and "stories"."public_id" !~ '^[0-9]+$'));