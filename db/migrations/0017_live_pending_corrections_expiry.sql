ALTER TYPE "public"."revision_kind" ADD VALUE 'restore';--> statement-breakpoint
CREATE TABLE "story_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "story_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"story_id" integer NOT NULL,
	"note" text NOT NULL,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_corrections_note_not_blank" CHECK (length(btrim("story_corrections"."note")) > 0)
);
--> statement-breakpoint
CREATE TABLE "story_pending" (
	"story_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"byline" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"column_id" integer,
	"cover_media_id" integer,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"created_by_id" integer,
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "unpublish_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "story_corrections" ADD CONSTRAINT "story_corrections_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_corrections" ADD CONSTRAINT "story_corrections_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_pending" ADD CONSTRAINT "story_pending_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_pending" ADD CONSTRAINT "story_pending_column_id_site_columns_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."site_columns"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_pending" ADD CONSTRAINT "story_pending_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_pending" ADD CONSTRAINT "story_pending_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "story_corrections_story_idx" ON "story_corrections" USING btree ("story_id","created_at");--> statement-breakpoint
CREATE INDEX "story_corrections_created_idx" ON "story_corrections" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "stories_expiring_idx" ON "stories" USING btree ("unpublish_at") WHERE "stories"."status" = 'published' and "stories"."unpublish_at" is not null;