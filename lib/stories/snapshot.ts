import type { Story } from '@/db/schema';
import type { ActionState } from '../action-result';

// What a story form holds of a story, as plain data that can cross to the
// browser (dates as ISO strings).
export type StorySnapshot = {
  id: number;
  version: number;
  title: string;
  subtitle: string;
  columnId: number | null;
  byline: string;
  source: string;
  summary: string;
  bodyHtml: string;
  status: Story['status'];
  receiptNo: string | null;
  updatedAt: string;
};

export type SaveResult = { ok: true; story: StorySnapshot } | { ok: false; conflict?: StorySnapshot; state: ActionState };

export function toStorySnapshot(s: Story): StorySnapshot {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    subtitle: s.subtitle,
    columnId: s.columnId,
    byline: s.byline,
    source: s.source,
    summary: s.summary,
    bodyHtml: s.bodyHtml,
    status: s.status,
    receiptNo: s.receiptNo,
    updatedAt: s.updatedAt.toISOString(),
  };
}
