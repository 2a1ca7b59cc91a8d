CREATE TYPE "public"."word_list_category" AS ENUM('forbidden', 'caution', 'correction', 'name');--> statement-breakpoint
CREATE TABLE "word_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "word_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"list_id" integer NOT NULL,
	"word" text NOT NULL,
	"replacement" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"title_before" boolean DEFAULT true NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "word_entries_word_not_blank" CHECK (length(btrim("word_entries"."word")) > 0),
	CONSTRAINT "word_entries_valid_range" CHECK ("word_entries"."valid_from" is null or "word_entries"."valid_to" is null or "word_entries"."valid_from" <= "word_entries"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "word_list_revision" (
	"id" integer PRIMARY KEY NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "word_lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "word_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"category" "word_list_category" NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "word_lists_name_not_blank" CHECK (length(btrim("word_lists"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "word_entries" ADD CONSTRAINT "word_entries_list_id_word_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."word_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "word_entries_list_word_key" ON "word_entries" USING btree ("list_id","word","title");--> statement-breakpoint
CREATE INDEX "word_entries_list_id_idx" ON "word_entries" USING btree ("list_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "word_lists_name_key" ON "word_lists" USING btree ("name");