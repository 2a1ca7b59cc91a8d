import 'server-only';
import { getDb, type Db, type Tx } from '@/db/client';
import { getContentCheckSettings, getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { toZonedInputValue } from '../zoned-time';
import { compiledCache } from './internal/compiled';
import { checkContent, severityOf, type PersonalLevel } from './matcher';
import type { CheckHit, CheckInput } from './types';

// The editor's debounced check (POST /api/content-check) re-reads the
// revision at most this often; a submit or sign-off reads it every time.
const EDITOR_MAX_AGE_MS = 2_000;

export type ContentCheck = { hits: CheckHit[]; personal: PersonalLevel };

async function runCheck(db: Db | Tx, input: CheckInput, maxAgeMs: number): Promise<ContentCheck> {
  const [lists, settings, { site }] = await Promise.all([compiledCache().get(db, maxAgeMs), getContentCheckSettings(), getSiteSettings()]);
  const personal = settings.personalInfo;
  return { hits: checkContent(lists, input, { personal, today: toZonedInputValue(new Date(), site.timeZone).slice(0, 10) }), personal };
}

// Whoever may edit a story (correspondents, the desk): the hits in the text
// they are writing. The lists themselves never leave the server.
export async function checkStoryText(viewer: Viewer, input: CheckInput): Promise<CheckHit[]> {
  requirePermission(viewer, 'words:check');
  return (await runCheck(await getDb(), input, EDITOR_MAX_AGE_MS)).hits;
}

// For lib/stories, inside a transition's transaction: the text as it stands
// under the lock, against the lists in force now.
export async function checkForTransition(tx: Tx, input: CheckInput): Promise<ContentCheck> {
  return runCheck(tx, input, 0);
}

export type Weighed = { forbidden: CheckHit[]; caution: CheckHit[] };

export function weighHits(check: ContentCheck): Weighed {
  const out: Weighed = { forbidden: [], caution: [] };
  for (const hit of check.hits) {
    const severity = severityOf(hit, check.personal);
    if (severity !== 'advice') out[severity].push(hit);
  }
  return out;
}
