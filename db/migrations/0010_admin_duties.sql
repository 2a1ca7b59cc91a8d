CREATE TYPE "public"."admin_duty" AS ENUM('system', 'security', 'audit');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "admin_duties" "admin_duty"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Every administrator there is keeps doing all they did: they hold all three duties.
UPDATE "users" SET "admin_duties" = '{system,security,audit}' WHERE "role" = 'admin';--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_admin_duties_admins_only" CHECK ("users"."role" = 'admin' or cardinality("users"."admin_duties") = 0);