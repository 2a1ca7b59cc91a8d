DROP INDEX "stories_owner_idx";--> statement-breakpoint
DROP INDEX "stories_public_column_idx";--> statement-breakpoint
DROP INDEX "stories_public_latest_idx";--> statement-breakpoint
DROP INDEX "story_revisions_story_idx";--> statement-breakpoint
DROP INDEX "media_owner_idx";--> statement-breakpoint
DROP INDEX "notifications_user_idx";--> statement-breakpoint
DROP INDEX "audit_log_created_idx";--> statement-breakpoint
DROP INDEX "audit_log_actor_idx";--> statement-breakpoint
DROP INDEX "login_attempts_username_idx";--> statement-breakpoint
DROP INDEX "login_attempts_ip_idx";--> statement-breakpoint
CREATE INDEX "stories_status_updated_idx" ON "stories" USING btree ("status","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "stories_owner_idx" ON "stories" USING btree ("owner_id","updated_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "stories_public_column_idx" ON "stories" USING btree ("column_id","published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_public_latest_idx" ON "stories" USING btree ("published_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "story_revisions_story_idx" ON "story_revisions" USING btree ("story_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "media_owner_idx" ON "media" USING btree ("owner_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "login_attempts_username_idx" ON "login_attempts" USING btree ("username","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","created_at" DESC NULLS FIRST);