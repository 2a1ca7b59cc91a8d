import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { storyCredits, users } from '@/db/schema';
import type { Tx } from '@/db/client';
import { validationError } from '../../errors';
import { idSchema } from '../../id-schemas';

// 合作通讯员: correspondents who share a story's byline with its owner. The
// publishing editor names them; statistics split the story's points equally
// among the owner and them (lib/stats).

export const MAX_CO_CORRESPONDENTS = 5;

// "12,15" from a form or [12, 15]; ids only, each at most once.
export const coCorrespondentIdsSchema = z
  .union([z.array(z.coerce.number()), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(',').filter((part) => part.trim() !== '').map(Number)))
  .pipe(z.array(idSchema).max(MAX_CO_CORRESPONDENTS, 'co_correspondents_too_many'))
  .transform((ids) => [...new Set(ids)])
  .default([]);

async function listStoryCredits(tx: Tx, storyId: number): Promise<number[]> {
  const rows = await tx.select({ userId: storyCredits.userId }).from(storyCredits).where(eq(storyCredits.storyId, storyId)).orderBy(asc(storyCredits.userId));
  return rows.map((r) => r.userId);
}

// Inside the publishing transaction: the story's co-credits become exactly
// these correspondents (never its owner), each with their unit of today.
export async function replaceStoryCredits(tx: Tx, story: { id: number; ownerId: number }, userIds: number[]): Promise<void> {
  const wanted = userIds.filter((id) => id !== story.ownerId);
  const found = wanted.length
    ? await tx
        .select({ id: users.id, unitId: users.unitId })
        .from(users)
        .where(and(inArray(users.id, wanted), eq(users.role, 'correspondent'), isNull(users.disabledAt)))
    : [];
  if (found.length !== wanted.length) throw validationError({ coCorrespondents: 'co_correspondent_unknown' });
  const current = await listStoryCredits(tx, story.id);
  if (current.length === wanted.length && current.every((id) => wanted.includes(id))) return;
  await tx.delete(storyCredits).where(eq(storyCredits.storyId, story.id));
  if (found.length) await tx.insert(storyCredits).values(found.map((u) => ({ storyId: story.id, userId: u.id, unitId: u.unitId })));
}

// The display names of the correspondents credited beside the owner, in the
// order chosen, for the public byline.
export async function creditedNames(tx: Tx, story: { ownerId: number }, userIds: number[]): Promise<string[]> {
  const wanted = userIds.filter((id) => id !== story.ownerId);
  if (!wanted.length) return [];
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return wanted.map((id) => rows.find((r) => r.id === id)?.name ?? '').filter(Boolean);
}
