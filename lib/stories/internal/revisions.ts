import 'server-only';
import { storyRevisions, type RevisionKind } from '@/db/schema';
import type { Tx } from '@/db/client';

export type RevisionText = { title: string; subtitle: string; summary: string; bodyHtml: string; bodyText: string };

// Appends a revision of the story's text, inside the caller's transaction.
export async function appendRevision(tx: Tx, storyId: number, storyVersion: number, kind: RevisionKind, authorId: number, text: RevisionText): Promise<void> {
  await tx.insert(storyRevisions).values({
    storyId,
    storyVersion,
    kind,
    authorId,
    title: text.title,
    subtitle: text.subtitle,
    summary: text.summary,
    bodyHtml: text.bodyHtml,
    bodyText: text.bodyText,
  });
}
