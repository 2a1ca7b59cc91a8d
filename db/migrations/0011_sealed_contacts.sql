-- Contact details sealed at rest. Only the app holds the key, so this adds the
-- columns and the app seals what users.email and users.phone still hold, in
-- batches at start and then each minute (lib/personal-data), emptying them as
-- it goes; those two columns are dropped by a later migration, once no
-- instance of the previous version can write them any more.
ALTER TABLE "users" ADD COLUMN "email_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_lookup" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_lookup" text;--> statement-breakpoint
CREATE INDEX "users_email_lookup_idx" ON "users" USING btree ("email_lookup");--> statement-breakpoint
CREATE INDEX "users_phone_lookup_idx" ON "users" USING btree ("phone_lookup");--> statement-breakpoint
CREATE INDEX "users_plain_contact_idx" ON "users" USING btree ("id") WHERE "users"."email" is not null or "users"."phone" is not null;