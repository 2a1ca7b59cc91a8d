CREATE TYPE "public"."stage_decision" AS ENUM('approve', 'send_back', 'return', 'reject', 'sign_off');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'unit_approver';--> statement-breakpoint
CREATE TABLE "review_flow_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_flow_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"flow_id" integer NOT NULL,
	"number" integer NOT NULL,
	"stages" jsonb NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_flow_versions_number_positive" CHECK ("review_flow_versions"."number" > 0),
	CONSTRAINT "review_flow_versions_stages_array" CHECK (jsonb_typeof("review_flow_versions"."stages") = 'array' and jsonb_array_length("review_flow_versions"."stages") between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE "review_flows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_flows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_flows_name_not_blank" CHECK (length(btrim("review_flows"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "stage_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stage_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"story_id" integer NOT NULL,
	"flow_version_id" integer NOT NULL,
	"stage" smallint NOT NULL,
	"stage_name" text NOT NULL,
	"decision" "stage_decision" NOT NULL,
	"opinion" text DEFAULT '' NOT NULL,
	"actor_id" integer NOT NULL,
	"recorded_for_name" text,
	"story_version" integer NOT NULL,
	"text_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_decisions_stage_range" CHECK ("stage_decisions"."stage" between 0 and 7)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "column_ids" integer[];--> statement-breakpoint
ALTER TABLE "site_columns" ADD COLUMN "review_flow_id" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "flow_version_id" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "stage" smallint;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "returned_by_id" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "secrecy_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "unit_leader_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "unit_leader_recorded_by_id" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "unit_leader_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_flow_versions" ADD CONSTRAINT "review_flow_versions_flow_id_review_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."review_flows"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flow_versions" ADD CONSTRAINT "review_flow_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_decisions" ADD CONSTRAINT "stage_decisions_flow_version_id_review_flow_versions_id_fk" FOREIGN KEY ("flow_version_id") REFERENCES "public"."review_flow_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_decisions" ADD CONSTRAINT "stage_decisions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_flow_versions_number_key" ON "review_flow_versions" USING btree ("flow_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "review_flows_name_key" ON "review_flows" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "review_flows_one_default" ON "review_flows" USING btree ("is_default") WHERE "review_flows"."is_default";--> statement-breakpoint
CREATE INDEX "stage_decisions_story_idx" ON "stage_decisions" USING btree ("story_id","id");--> statement-breakpoint
CREATE INDEX "stage_decisions_created_idx" ON "stage_decisions" USING btree ("created_at","stage");--> statement-breakpoint
ALTER TABLE "site_columns" ADD CONSTRAINT "site_columns_review_flow_id_review_flows_id_fk" FOREIGN KEY ("review_flow_id") REFERENCES "public"."review_flows"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_flow_version_id_review_flow_versions_id_fk" FOREIGN KEY ("flow_version_id") REFERENCES "public"."review_flow_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_returned_by_id_users_id_fk" FOREIGN KEY ("returned_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_unit_leader_recorded_by_id_users_id_fk" FOREIGN KEY ("unit_leader_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_stage_queue_idx" ON "stories" USING btree ("flow_version_id","stage","submitted_at","id") WHERE "stories"."status" in ('submitted', 'in_review');--> statement-breakpoint
-- Written by hand from here to the last statement. The review before
-- stages existed, as a flow of one stage that any member of the desk acts at
-- with no opinion required (lib/review-flows/stages.ts is the format): the
-- site's default. Every story filed so far is bound to it; those waiting,
-- claimed or returned are at its one stage (a returned one remembers who
-- returned it, as a resubmit now goes back to them).
INSERT INTO "review_flows" ("name", "is_default") VALUES ('一审', true);
--> statement-breakpoint
INSERT INTO "review_flow_versions" ("flow_id", "number", "stages")
	SELECT "id", 1, '[{"name": "审核", "holders": "desk", "userIds": [], "columnIds": null, "opinionRequired": false}]'::jsonb FROM "review_flows" WHERE "is_default";
--> statement-breakpoint
UPDATE "stories" SET
	"flow_version_id" = (SELECT v."id" FROM "review_flow_versions" v JOIN "review_flows" f ON f."id" = v."flow_id" WHERE f."is_default"),
	"stage" = CASE WHEN "status" IN ('submitted', 'in_review', 'changes_requested') THEN 0 END,
	"returned_by_id" = CASE WHEN "status" = 'changes_requested' THEN "assignee_id" END
	WHERE "first_submitted_at" IS NOT NULL OR "status" <> 'draft';
--> statement-breakpoint
-- Decisions are the record the 审查单 prints: never changed or removed.
CREATE TRIGGER "stage_decisions_append_only" BEFORE UPDATE OR DELETE ON "stage_decisions" FOR EACH ROW EXECUTE FUNCTION tougao_append_only();
--> statement-breakpoint
CREATE TRIGGER "stage_decisions_no_truncate" BEFORE TRUNCATE ON "stage_decisions" FOR EACH STATEMENT EXECUTE FUNCTION tougao_append_only();
--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_queue_has_stage" CHECK ("stories"."status" not in ('submitted', 'in_review') or ("stories"."flow_version_id" is not null and "stories"."stage" is not null));