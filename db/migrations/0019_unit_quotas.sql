CREATE TYPE "public"."quota_period_kind" AS ENUM('month', 'quarter', 'year');--> statement-breakpoint
CREATE TABLE "unit_quotas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_quotas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"period_kind" "quota_period_kind" NOT NULL,
	"period_start" date NOT NULL,
	"adopted_target" integer,
	"points_target" numeric(12, 2),
	"updated_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_quotas_some_target" CHECK ("unit_quotas"."adopted_target" is not null or "unit_quotas"."points_target" is not null),
	CONSTRAINT "unit_quotas_adopted_positive" CHECK ("unit_quotas"."adopted_target" is null or "unit_quotas"."adopted_target" > 0),
	CONSTRAINT "unit_quotas_points_positive" CHECK ("unit_quotas"."points_target" is null or "unit_quotas"."points_target" > 0),
	CONSTRAINT "unit_quotas_period_start" CHECK (extract(day from "unit_quotas"."period_start") = 1 and case "unit_quotas"."period_kind"
        when 'quarter' then extract(month from "unit_quotas"."period_start") in (1, 4, 7, 10)
        when 'year' then extract(month from "unit_quotas"."period_start") = 1
        else true end)
);
--> statement-breakpoint
ALTER TABLE "unit_quotas" ADD CONSTRAINT "unit_quotas_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_quotas" ADD CONSTRAINT "unit_quotas_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unit_quotas_period_unit_key" ON "unit_quotas" USING btree ("period_kind","period_start","unit_id");