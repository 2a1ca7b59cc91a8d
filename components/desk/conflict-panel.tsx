'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { StorySnapshot } from '@/lib/stories/snapshot';

export type ConflictPanelProps = {
  mine: { title: string; bodyHtml: string };
  theirs: StorySnapshot;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

function textOf(html: string): string {
  return new DOMParser().parseFromString(html.replace(/<\/(p|h[2-4]|li|blockquote|tr|figcaption)>/g, '$&\n'), 'text/html').body.textContent ?? '';
}

// A stale save: both texts side by side, the user chooses. Plain text only,
// so nothing in either version is rendered as markup here.
export function ConflictPanel({ mine, theirs, onKeepMine, onTakeTheirs }: ConflictPanelProps) {
  const t = useTranslations('story');
  return (
    <section className="rounded-lg border border-amber-300 bg-amber-50 p-4" role="alert" data-testid="conflict-panel">
      <h2 className="font-semibold text-amber-900">{t('conflictTitle')}</h2>
      <p className="mt-1 text-sm text-amber-900">{t('conflictBody')}</p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        {[
          { label: t('conflictMine'), title: mine.title, body: textOf(mine.bodyHtml) },
          { label: t('conflictTheirs'), title: theirs.title, body: textOf(theirs.bodyHtml) },
        ].map((side) => (
          <div key={side.label} className="min-w-0 rounded-md border border-line bg-white p-3">
            <p className="mb-2 text-xs font-semibold text-ink-500">{side.label}</p>
            <p className="font-semibold">{side.title}</p>
            <p className="mt-2 max-h-72 overflow-auto text-sm leading-relaxed whitespace-pre-wrap text-ink-700">{side.body}</p>
          </div>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button onClick={onKeepMine}>{t('keepMine')}</Button>
        <Button variant="secondary" onClick={onTakeTheirs}>
          {t('takeTheirs')}
        </Button>
      </div>
    </section>
  );
}
