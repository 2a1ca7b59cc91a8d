import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { wordEntries, wordListRevision, wordLists } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { compileLists, type CompiledLists, type MatchEntry } from '../matcher';

// The enabled lists compiled once per process, rebuilt when the revision row
// (bumped by every change, in the change's transaction) differs from the one
// compiled: each instance notices an edit made on any other within
// `maxAgeMs` of its next check, at the cost of one primary-key read.

export const REVISION_ROW = 1;

export async function readRevision(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ revision: wordListRevision.revision }).from(wordListRevision).where(eq(wordListRevision.id, REVISION_ROW)).limit(1);
  return row?.revision ?? 0;
}

// In the transaction of a change: instances compare against it.
export async function bumpRevision(tx: Tx): Promise<void> {
  await tx
    .insert(wordListRevision)
    .values({ id: REVISION_ROW, revision: 1 })
    .onConflictDoUpdate({ target: wordListRevision.id, set: { revision: sql`${wordListRevision.revision} + 1` } });
}

async function loadEntries(db: Db | Tx): Promise<MatchEntry[]> {
  const rows = await db
    .select({
      listName: wordLists.name,
      category: wordLists.category,
      word: wordEntries.word,
      replacement: wordEntries.replacement,
      title: wordEntries.title,
      titleBefore: wordEntries.titleBefore,
      validFrom: wordEntries.validFrom,
      validTo: wordEntries.validTo,
    })
    .from(wordEntries)
    .innerJoin(wordLists, eq(wordLists.id, wordEntries.listId))
    .where(eq(wordLists.isEnabled, true))
    .orderBy(asc(wordEntries.id));
  return rows.map(({ titleBefore, ...r }) => ({ ...r, titlePosition: titleBefore ? 'before' : 'after' }));
}

export type CompiledCache = {
  // The lists in force: re-read when the stored revision moved.
  get(db: Db | Tx, maxAgeMs: number): Promise<CompiledLists>;
  revision(): number | null;
};

// One per process (below); tests make a second to play another instance.
export function createCompiledCache(): CompiledCache {
  let current: { revision: number; lists: CompiledLists; checkedAt: number } | null = null;
  let building: Promise<CompiledLists> | null = null;
  return {
    revision: () => current?.revision ?? null,
    async get(db, maxAgeMs) {
      if (current && Date.now() - current.checkedAt < maxAgeMs) return current.lists;
      const revision = await readRevision(db);
      if (current && current.revision === revision) {
        current.checkedAt = Date.now();
        return current.lists;
      }
      // Concurrent requests share one rebuild.
      building ??= (async () => {
        try {
          const lists = compileLists(await loadEntries(db));
          current = { revision, lists, checkedAt: Date.now() };
          return lists;
        } finally {
          building = null;
        }
      })();
      return building;
    },
  };
}

const cache = globalThis as unknown as { __tougaoWordLists?: CompiledCache };

export function compiledCache(): CompiledCache {
  cache.__tougaoWordLists ??= createCompiledCache();
  return cache.__tougaoWordLists;
}
