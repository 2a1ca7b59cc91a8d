import 'server-only';
import type { Story } from '@/db/schema';
import type { Tx } from '@/db/client';
import { checkForTransition, weighHits, type CheckField, type CheckHit, type Weighed } from '../../content-check';
import { AppError } from '../../errors';

// The word lists at the two gates of a story (docs/content-check.md): its
// text as it stands under the transition's lock, checked against the lists
// in force now. Forbidden words refuse; caution words (and personal
// information at the caution level) need the acknowledgement the caller sent.

const SHOWN_PER_FIELD = 8;

export async function weighStoryText(tx: Tx, story: Story): Promise<Weighed> {
  return weighHits(await checkForTransition(tx, { title: story.title, subtitle: story.subtitle, summary: story.summary, byline: story.byline, body: story.bodyText }));
}

// The words of each field, quoted and listed ("“甲”、“乙”"), or 'none': the
// message names them field by field in the reader's language.
function wordsByField(hits: readonly CheckHit[]): Record<CheckField, string> {
  const byField: Record<CheckField, string[]> = { title: [], subtitle: [], summary: [], byline: [], body: [] };
  for (const hit of hits) if (!byField[hit.field].includes(hit.text)) byField[hit.field].push(hit.text);
  const list = (words: string[]) => (words.length ? words.slice(0, SHOWN_PER_FIELD).map((w) => `“${w}”`).join('、') + (words.length > SHOWN_PER_FIELD ? '…' : '') : 'none');
  return { title: list(byField.title), subtitle: list(byField.subtitle), summary: list(byField.summary), byline: list(byField.byline), body: list(byField.body) };
}

export function distinctWords(hits: readonly CheckHit[]): string[] {
  return [...new Set(hits.map((h) => h.text))];
}

// `field` names the form control that answers it: the caution dialog at
// submit, the override reason at sign-off.
export function wordsRefusal(kind: 'content_forbidden' | 'content_caution' | 'content_override_required', field: string, hits: readonly CheckHit[]): AppError {
  return new AppError('validation', `${kind}: ${distinctWords(hits).length} words`, { form: kind, [field]: kind }, wordsByField(hits));
}
