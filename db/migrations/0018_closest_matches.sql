CREATE TABLE "story_closest_matches" (
	"story_id" integer PRIMARY KEY NOT NULL,
	"match_id" integer,
	"similarity" real,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_closest_matches_pair" CHECK (("story_closest_matches"."match_id" is null) = ("story_closest_matches"."similarity" is null)),
	CONSTRAINT "story_closest_matches_similarity_range" CHECK ("story_closest_matches"."similarity" is null or ("story_closest_matches"."similarity" > 0 and "story_closest_matches"."similarity" <= 1))
);
--> statement-breakpoint
ALTER TABLE "story_closest_matches" ADD CONSTRAINT "story_closest_matches_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_closest_matches_match_idx" ON "story_closest_matches" USING btree ("match_id");