-- The audit trail (audit_log, story_events) becomes append-only and
-- hash-chained (lib/audit-chain). Rows already there are chained here, in id
-- order, with SHA-256; the app then continues each chain with the algorithm
-- of CRYPTO_SUITE.
-- drizzle-kit generated the table, the constraints and the columns (added
-- here without NOT NULL, which follows the backfill); the backfill, the
-- functions and the triggers are written by hand.
CREATE TABLE "audit_chain_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"last_id" integer DEFAULT 0 NOT NULL,
	"last_hash" text NOT NULL,
	"base_id" integer DEFAULT 0 NOT NULL,
	"base_hash" text NOT NULL,
	CONSTRAINT "audit_chain_heads_chain" CHECK ("audit_chain_heads"."chain" in ('audit_log', 'story_events'))
);
--> statement-breakpoint
-- A story's timeline outlives a deleted draft, and rows that name an account
-- keep it: neither may be changed by a cascade.
ALTER TABLE "story_events" DROP CONSTRAINT "story_events_story_id_stories_id_fk";
--> statement-breakpoint
ALTER TABLE "story_events" DROP CONSTRAINT "story_events_actor_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_actor_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "story_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "story_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "story_events" ADD COLUMN "hash_alg" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_alg" text;--> statement-breakpoint
-- Chains one table's rows in id order: `canonical` is the SQL of
-- lib/audit-chain/canonical.ts's serialization for a row `t` (the JSON array
-- JSON.stringify would write, to_json escaping text as it does, with meta as
-- jsonb prints it and the time in UTC to the microsecond). Written back 5,000
-- rows at a time; dropped once both tables are done.
CREATE FUNCTION tougao_chain_backfill(tbl text, canonical text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	genesis constant text := repeat('0', 64);
	prev text := genesis;
	last_id integer := 0;
	h text;
	r record;
	ids integer[] := '{}';
	prevs text[] := '{}';
	hashes text[] := '{}';
	write_back constant text := format('UPDATE %I t SET prev_hash = u.p, hash = u.h, hash_alg = ''sha256'' FROM unnest($1, $2, $3) AS u(id, p, h) WHERE t.id = u.id', tbl);
BEGIN
	FOR r IN EXECUTE format('SELECT t.id, %s AS canonical FROM %I t ORDER BY t.id', canonical, tbl) LOOP
		h := encode(sha256(convert_to(prev || E'\n' || r.canonical, 'UTF8')), 'hex');
		ids := ids || r.id; prevs := prevs || prev; hashes := hashes || h;
		prev := h; last_id := r.id;
		IF cardinality(ids) >= 5000 THEN
			EXECUTE write_back USING ids, prevs, hashes;
			ids := '{}'; prevs := '{}'; hashes := '{}';
		END IF;
	END LOOP;
	EXECUTE write_back USING ids, prevs, hashes;
	INSERT INTO audit_chain_heads (chain, last_id, last_hash, base_id, base_hash) VALUES (tbl, last_id, prev, 0, genesis);
END $$;
--> statement-breakpoint
SELECT tougao_chain_backfill('audit_log', $$'["audit_log",' || coalesce(t.actor_id::text, 'null') || ',' || to_json(t.action)::text || ','
	|| coalesce(to_json(t.target_type)::text, 'null') || ',' || coalesce(to_json(t.target_id)::text, 'null') || ','
	|| coalesce(to_json(t.ip)::text, 'null') || ',' || to_json(t.meta::text)::text || ','
	|| to_json(to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text || ']'$$);
--> statement-breakpoint
SELECT tougao_chain_backfill('story_events', $$'["story_events",' || t.story_id::text || ',' || coalesce(t.actor_id::text, 'null') || ',' || to_json(t.action)::text || ','
	|| coalesce(to_json(t.from_status::text)::text, 'null') || ',' || coalesce(to_json(t.to_status::text)::text, 'null') || ','
	|| coalesce(to_json(t.note)::text, 'null') || ',' || coalesce(to_json(t.meta::text)::text, 'null') || ','
	|| to_json(to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text || ']'$$);
--> statement-breakpoint
DROP FUNCTION tougao_chain_backfill(text, text);
--> statement-breakpoint
ALTER TABLE "story_events" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "story_events" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "story_events" ALTER COLUMN "hash_alg" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash_alg" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "story_events" ADD CONSTRAINT "story_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Each insert must follow its chain's newest row (the app links it under the
-- heads' row locks, lib/audit-chain/internal/append.ts) and moves the head.
CREATE FUNCTION tougao_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	head audit_chain_heads%ROWTYPE;
BEGIN
	SELECT * INTO head FROM audit_chain_heads WHERE chain = TG_TABLE_NAME FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no chain head for %', TG_TABLE_NAME;
	END IF;
	IF NEW.hash IS NULL OR NEW.hash_alg IS NULL OR NEW.prev_hash IS DISTINCT FROM head.last_hash OR NEW.id <= head.last_id THEN
		RAISE EXCEPTION '% is hash-chained: a new row must follow row % (lib/audit-chain appends)', TG_TABLE_NAME, head.last_id
			USING ERRCODE = 'check_violation';
	END IF;
	UPDATE audit_chain_heads SET last_id = NEW.id, last_hash = NEW.hash WHERE chain = TG_TABLE_NAME;
	RETURN NEW;
END $$;
--> statement-breakpoint
-- Rows are never updated. They are deleted only by the retention job, which
-- sets `tougao.retention` for its transaction, and only when older than the
-- retention period in the audit settings (never less than 180 days; unset
-- keeps everything), so whatever sets the flag can remove no more than the
-- job would. TRUNCATE is refused outright.
CREATE FUNCTION tougao_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	days integer;
BEGIN
	IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' AND current_setting('tougao.retention', true) = 'on' THEN
		SELECT CASE WHEN value ->> 'retentionDays' ~ '^[0-9]{1,6}$' THEN (value ->> 'retentionDays')::integer END INTO days
			FROM site_settings WHERE key = 'audit';
		IF days IS NOT NULL AND OLD.created_at < now() - make_interval(days => greatest(days, 180)) THEN
			RETURN OLD;
		END IF;
		RAISE EXCEPTION '% row % is within the retention period', TG_TABLE_NAME, OLD.id USING ERRCODE = 'insufficient_privilege';
	END IF;
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
-- The heads move only with an insert (through tougao_chain_append) or, for
-- the base, with the retention job; nothing else changes or removes them.
CREATE FUNCTION tougao_chain_heads_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF NEW.chain = OLD.chain AND pg_trigger_depth() > 1 AND NEW.base_id = OLD.base_id AND NEW.base_hash = OLD.base_hash THEN
			RETURN NEW;
		END IF;
		IF NEW.chain = OLD.chain AND current_setting('tougao.retention', true) = 'on' AND NEW.last_id = OLD.last_id AND NEW.last_hash = OLD.last_hash AND NEW.base_id > OLD.base_id THEN
			RETURN NEW;
		END IF;
	END IF;
	RAISE EXCEPTION 'audit_chain_heads is kept by the audit trail''s triggers: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION tougao_chain_append();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION tougao_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION tougao_append_only();
--> statement-breakpoint
CREATE TRIGGER story_events_chain BEFORE INSERT ON story_events FOR EACH ROW EXECUTE FUNCTION tougao_chain_append();
--> statement-breakpoint
CREATE TRIGGER story_events_append_only BEFORE UPDATE OR DELETE ON story_events FOR EACH ROW EXECUTE FUNCTION tougao_append_only();
--> statement-breakpoint
CREATE TRIGGER story_events_no_truncate BEFORE TRUNCATE ON story_events FOR EACH STATEMENT EXECUTE FUNCTION tougao_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_heads FOR EACH ROW EXECUTE FUNCTION tougao_chain_heads_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads FOR EACH STATEMENT EXECUTE FUNCTION tougao_chain_heads_guard();
