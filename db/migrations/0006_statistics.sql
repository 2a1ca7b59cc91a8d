CREATE TABLE "story_credits" (
	"story_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"unit_id" integer,
	CONSTRAINT "story_credits_story_id_user_id_pk" PRIMARY KEY("story_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "is_headline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "story_credits" ADD CONSTRAINT "story_credits_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_credits" ADD CONSTRAINT "story_credits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_credits" ADD CONSTRAINT "story_credits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_credits_user_idx" ON "story_credits" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "stories_public_headline_idx" ON "stories" USING btree ("published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "stories"."status" = 'published' and "stories"."is_headline";--> statement-breakpoint
CREATE INDEX "stories_first_submitted_idx" ON "stories" USING btree ("first_submitted_at") WHERE "stories"."first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "stories_first_published_idx" ON "stories" USING btree ("first_published_at") WHERE "stories"."first_published_at" is not null;--> statement-breakpoint
CREATE INDEX "story_events_action_idx" ON "story_events" USING btree ("action","created_at");