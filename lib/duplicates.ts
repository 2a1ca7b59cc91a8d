import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, notExists, notInArray, sql, type SQL } from 'drizzle-orm';
import { stories, storyClosestMatches, storyFingerprints, users, type StoryStatus } from '@/db/schema';
import type { AnyColumn } from 'drizzle-orm';
import { getDb, queryRows, type Db, type Tx } from '@/db/client';
import { compareShingleSets, shingleSet, textFingerprint } from './content/shingles';
import { readStory, type VisibleStory } from './stories/access';
import { hiddenFromEditors } from './workflow';
import { requirePermission, type Viewer } from './viewer';

// Near-duplicate detection (查重): warns editors that a story is (nearly) the
// same as another one they can see. Band hashes from ./content/shingles find
// the candidates through one index lookup; the exact similarity is then
// measured on the candidates' text.

// How many band-sharing stories are measured exactly, most shared bands
// first: near-duplicates share many bands, chance matches one or two.
const CANDIDATE_LIMIT = 50;
const DEFAULT_LIMIT = 5;
// A third of the shorter story found in the other is worth a look; unrelated
// stories of the same field stay below a sixth.
export const DUPLICATE_THRESHOLD = 0.3;

export type SimilarStory = {
  id: number;
  title: string;
  status: StoryStatus;
  receiptNo: string | null;
  ownerName: string;
  // 0..1: the share of the shorter story's text found in the longer one
  // (see compareShingleSets in ./content/shingles).
  similarity: number;
  // Share of the story being checked found in this one, and the reverse: 1
  // and 0.5 mean the checked story is all in this one, which has as much again.
  coverageOfChecked: number;
  coverageOfMatch: number;
};

type FingerprintRow = typeof storyFingerprints.$inferInsert;

function bandRows(storyId: number, fingerprint: readonly number[] | null): FingerprintRow[] {
  return (fingerprint ?? []).map((hash, band) => ({ storyId, band, hash }));
}

function fingerprintRows(storyId: number, bodyText: string): FingerprintRow[] {
  return bandRows(storyId, textFingerprint(bodyText));
}

// Inside the transaction that changes a story's text (submit, editor save,
// publish): its bands then always match the text, and so does the queue's
// marker. Too short a text has no bands and matches nothing.
export async function refreshFingerprint(tx: Tx | Db, storyId: number, bodyText: string): Promise<void> {
  const fingerprint = textFingerprint(bodyText);
  const rows = bandRows(storyId, fingerprint);
  await tx.delete(storyFingerprints).where(eq(storyFingerprints.storyId, storyId));
  if (rows.length > 0) {
    // A concurrent refresh outside a locking transaction may have inserted
    // after our delete: the later text wins instead of a key violation.
    await tx
      .insert(storyFingerprints)
      .values(rows)
      .onConflictDoUpdate({ target: [storyFingerprints.storyId, storyFingerprints.band], set: { hash: sql`excluded.hash` } });
  }
  await recordClosestMatch(tx, storyId, bodyText, fingerprint);
}

type Measured = { id: number; similarity: number; coverageOfChecked: number; coverageOfMatch: number };

// The candidates measured exactly against `bodyText`, those at or above the
// threshold, closest first.
async function measureCandidates(db: Db | Tx, storyId: number, bodyText: string, fingerprint: readonly number[], threshold: number): Promise<Measured[]> {
  const candidateIds = await findCandidateIds(db, storyId, fingerprint);
  if (candidateIds.length === 0) return [];
  const candidates = await db.select({ id: stories.id, bodyText: stories.bodyText }).from(stories).where(inArray(stories.id, candidateIds));
  const checked = shingleSet(bodyText);
  return candidates
    .map(({ id, bodyText: text }) => {
      const measures = compareShingleSets(checked, shingleSet(text));
      return { id, similarity: measures.similarity, coverageOfChecked: measures.coverageOfA, coverageOfMatch: measures.coverageOfB };
    })
    .filter((match) => match.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity || b.id - a.id);
}

// The story's closest match for the queue's marker, beside its bands.
async function recordClosestMatch(tx: Db | Tx, storyId: number, bodyText: string, fingerprint: readonly number[] | null): Promise<void> {
  const [closest] = fingerprint ? await measureCandidates(tx, storyId, bodyText, fingerprint, DUPLICATE_THRESHOLD) : [];
  const values = { matchId: closest?.id ?? null, similarity: closest?.similarity ?? null, checkedAt: new Date() };
  await tx
    .insert(storyClosestMatches)
    .values({ storyId, ...values })
    .onConflictDoUpdate({ target: storyClosestMatches.storyId, set: values });
}

// The queue's marker for a story: the closest match it found, or the closest
// later story that found it; null below the threshold. Only stories editors
// may see count (a withdrawn draft keeps its row).
export function closestSimilaritySql(storyId: AnyColumn): SQL<number | null> {
  const hidden = sql.join(hiddenFromEditors.map((status) => sql`${status}`), sql`, `);
  return sql<number | null>`(select max(m.similarity) from ${storyClosestMatches} m join ${stories} o on o.id = (case when m.story_id = ${storyId} then m.match_id else m.story_id end)
    where (m.story_id = ${storyId} or m.match_id = ${storyId}) and m.match_id is not null and o.status not in (${hidden}))`.mapWith(Number);
}

// Filed stories never measured (filed before the marker existed, or whose
// match was deleted): a few per run, those waiting in the queue first, then
// the newest, so the markers fill in without a migration reading every
// story's text. Instances racing on one story write the same row.
export async function measureUncheckedStories(db: Db, limit = 25): Promise<number> {
  const batch = await db
    .select({ id: stories.id, bodyText: stories.bodyText })
    .from(stories)
    .leftJoin(storyClosestMatches, eq(storyClosestMatches.storyId, stories.id))
    .where(and(notInArray(stories.status, [...hiddenFromEditors]), isNull(storyClosestMatches.storyId)))
    .orderBy(desc(sql`${stories.status} in ('submitted', 'in_review')`), desc(stories.id))
    .limit(limit);
  // And those whose match has since been deleted.
  const orphaned = await queryRows<{ id: number; body_text: string }>(db, sql`
    select s.id, s.body_text from ${storyClosestMatches} m
    join ${stories} s on s.id = m.story_id
    where m.match_id is not null and not exists (select 1 from ${stories} o where o.id = m.match_id)
    limit ${limit}`);
  for (const story of [...batch, ...orphaned.map((r) => ({ id: Number(r.id), bodyText: r.body_text }))]) {
    await recordClosestMatch(db, story.id, story.bodyText, textFingerprint(story.bodyText));
  }
  return batch.length + orphaned.length;
}

// Stories sharing at least one band with `fingerprint`, most shared first.
// Drafts never: editors may not see them, and a withdrawn story keeps its
// bands. Rejected ones do count: a resubmission is worth flagging.
// Per band, at most this many stories are taken: a band hash shared by
// thousands (boilerplate every story carries) must not cost thousands of rows;
// a real near-duplicate shares many bands, so it is still found through others.
const PER_BAND_LIMIT = 200;

async function findCandidateIds(db: Db | Tx, storyId: number, fingerprint: readonly number[]): Promise<number[]> {
  const array = (values: readonly number[]) => `{${values.join(',')}}`;
  const hidden = sql.join(hiddenFromEditors.map((status) => sql`${status}`), sql`, `);
  const rows = await queryRows<{ story_id: number }>(db, sql`
    select m.story_id
    from unnest(${array(fingerprint.map((_, band) => band))}::integer[], ${array(fingerprint)}::integer[]) as b(band, hash)
    cross join lateral (
      select f.story_id from ${storyFingerprints} f
      where f.band = b.band and f.hash = b.hash and f.story_id <> ${storyId}
      limit ${PER_BAND_LIMIT}
    ) m
    join ${stories} s on s.id = m.story_id
    where s.status not in (${hidden})
    group by m.story_id
    order by count(*) desc, m.story_id desc
    limit ${CANDIDATE_LIMIT}`);
  return rows.map((r) => Number(r.story_id));
}

// Editors and admins, for any story they may see (a draft is not found).
// Measured on the story's current text, not its stored bands, so a story
// whose bands are missing or stale is still checked; closest first.
export async function findSimilarStories(
  viewer: Viewer,
  handle: VisibleStory,
  options: { limit?: number; threshold?: number } = {},
): Promise<SimilarStory[]> {
  requirePermission(viewer, 'review:use');
  const story = await readStory(viewer, handle);
  const db = await getDb();

  const fingerprint = textFingerprint(story.bodyText);
  if (!fingerprint) return [];
  const measured = (await measureCandidates(db, story.id, story.bodyText, fingerprint, options.threshold ?? DUPLICATE_THRESHOLD)).slice(0, options.limit ?? DEFAULT_LIMIT);
  if (measured.length === 0) return [];
  const details = await db
    .select({ id: stories.id, title: stories.title, status: stories.status, receiptNo: stories.receiptNo, ownerName: users.displayName })
    .from(stories)
    .innerJoin(users, eq(users.id, stories.ownerId))
    .where(inArray(stories.id, measured.map((m) => m.id)));
  const byId = new Map(details.map((d) => [d.id, d]));
  return measured.flatMap((m) => {
    const detail = byId.get(m.id);
    return detail ? [{ ...detail, ...m }] : [];
  });
}

// The rows as one SELECT over three array parameters, in the table's column
// order (story_id, band, hash): a batch of 20,000 rows is one short
// statement, not 60,000 parameters (PostgreSQL takes 65,535).
function unnestRows(rows: readonly FingerprintRow[]): SQL {
  const array = (values: number[]) => `{${values.join(',')}}`;
  return sql`select * from unnest(${array(rows.map((r) => r.storyId))}::integer[], ${array(rows.map((r) => r.band))}::integer[], ${array(rows.map((r) => r.hash))}::integer[])`;
}

// For stories filed before fingerprints existed (a one-off script, the
// benchmark's seeding): every non-draft story without bands, in id order,
// batch by batch so memory stays flat. Safe to run again or concurrently.
export async function backfillFingerprints(db: Db, options: { batchSize?: number } = {}): Promise<{ scanned: number; fingerprinted: number }> {
  const batchSize = options.batchSize ?? 500;
  let scanned = 0;
  let fingerprinted = 0;
  let afterId = 0;
  for (;;) {
    const hasBands = db.select({ one: sql`1` }).from(storyFingerprints).where(eq(storyFingerprints.storyId, stories.id));
    const batch = await db
      .select({ id: stories.id, bodyText: stories.bodyText })
      .from(stories)
      .where(and(gt(stories.id, afterId), notInArray(stories.status, [...hiddenFromEditors]), notExists(hasBands)))
      .orderBy(asc(stories.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    // Keyset, not "still without bands": too short a story never gets any.
    afterId = batch[batch.length - 1]!.id;
    scanned += batch.length;
    const rows = batch.flatMap((story) => fingerprintRows(story.id, story.bodyText));
    fingerprinted += new Set(rows.map((r) => r.storyId)).size;
    if (rows.length > 0) await db.insert(storyFingerprints).select(unnestRows(rows)).onConflictDoNothing();
  }
  return { scanned, fingerprinted };
}
