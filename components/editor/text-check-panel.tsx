'use client';

import { useTranslations } from 'next-intl';
import { memo, useId, useState, useSyncExternalStore } from 'react';
import type { CheckCategory } from '@/lib/content-check/types';
import { CATEGORY_ORDER, correctionGroups, isReplaceable, type CheckedHit } from './check-text';
import type { TextCheckSnapshot, TextChecker } from './text-checker';
import { describeHit, hitDetail, storeAutoCheck } from './use-text-check';

export type TextCheckPanelProps = { checker: TextChecker; className?: string };

export const TEXT_CHECK_PANEL_ID = 'text-check-panel';

const SERVER_SNAPSHOT: TextCheckSnapshot = { status: 'idle', hits: [], auto: true, stale: false, open: true };

// Category colours match the marks in the body (story-editor.css).
const CATEGORY_STYLE: Record<CheckCategory, { dot: string; badge: string }> = {
  forbidden: { dot: 'bg-red-600', badge: 'bg-red-50 text-red-800 ring-red-200' },
  caution: { dot: 'bg-amber-500', badge: 'bg-amber-50 text-amber-900 ring-amber-200' },
  personal: { dot: 'bg-orange-500', badge: 'bg-orange-50 text-orange-900 ring-orange-200' },
  name: { dot: 'bg-violet-600', badge: 'bg-violet-50 text-violet-900 ring-violet-200' },
  correction: { dot: 'bg-blue-600', badge: 'bg-blue-50 text-blue-900 ring-blue-200' },
};

// 文字检查: the word check's findings beside the editor, grouped by
// category, each one a way to its place in the text and, for corrections, a
// one-click replacement.
export function TextCheckPanel({ checker, className = '' }: TextCheckPanelProps) {
  const t = useTranslations('textCheck');
  const snapshot = useSyncExternalStore(checker.subscribe, checker.getSnapshot, () => SERVER_SNAPSHOT);
  const bodyId = useId();
  const { hits, status, auto, stale, open } = snapshot;
  // A long story can have hundreds of findings: each kind shows its first
  // rows until asked for all.
  const [showAll, setShowAll] = useState<ReadonlySet<CheckCategory>>(new Set());
  const groups = CATEGORY_ORDER.map((category) => ({ category, hits: hits.filter((h) => h.category === category) })).filter((g) => g.hits.length > 0);
  const replaceAllGroups = correctionGroups(hits);
  const blocking = hits.filter((h) => h.category === 'forbidden').length;

  return (
    // Inline-size containment: a long context line never widens the column it sits in.
    <section id={TEXT_CHECK_PANEL_ID} className={`scroll-mt-4 rounded-lg border border-line bg-white [contain:inline-size] ${className}`} aria-label={t('title')} data-testid="text-check-panel">
      <h2 className="m-0">
        <button
          type="button"
          className="flex w-full items-center gap-2 rounded-t-lg px-4 py-3 text-left text-sm font-semibold text-ink-900 hover:bg-gray-50"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => checker.setOpen(!open)}
          data-testid="text-check-toggle"
        >
          <span>{t('title')}</span>
          {hits.length > 0 && (
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ${blocking ? 'bg-red-600 text-white' : 'bg-gray-100 text-ink-700'}`} data-testid="text-check-count">
              {hits.length}
            </span>
          )}
          <span className="ml-auto text-xs font-normal text-ink-500" aria-live="polite">
            {status === 'checking' ? t('checking') : status === 'error' ? t('failedShort') : stale && !auto ? t('changed') : null}
          </span>
          <svg aria-hidden viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 text-ink-500 transition-transform ${open ? 'rotate-180' : ''}`}>
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </h2>
      <div id={bodyId} hidden={!open} className="border-t border-line">
        {groups.length > 0 && (
          <ul className="flex flex-wrap gap-1.5 px-4 pt-3" aria-label={t('summary')}>
            {groups.map((g) => (
              <li key={g.category} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs ring-1 ring-inset ${CATEGORY_STYLE[g.category].badge}`}>
                <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${CATEGORY_STYLE[g.category].dot}`} />
                {t('categoryCount', { category: t(`categories.${g.category}`), count: String(g.hits.length) })}
              </li>
            ))}
          </ul>
        )}

        {/* Beside the editor the panel shares a sticky column with the form's fields: the list keeps to what is left of the window. */}
        <div className="max-h-[min(28rem,55vh)] overflow-y-auto px-4 py-3 lg:max-h-[max(10rem,calc(100vh-36rem))]" data-testid="text-check-list">
          {status === 'error' && (
            <p className="mb-2 rounded-md bg-gray-50 px-3 py-2 text-xs text-ink-500" role="status">
              {t('failed')}{' '}
              <button type="button" className="font-medium text-brand-700 underline underline-offset-2" onClick={checker.checkNow}>
                {t('retry')}
              </button>
            </p>
          )}
          {groups.length === 0 && status !== 'error' && (
            <p className="flex items-center gap-2 py-1 text-sm text-ink-500" data-testid="text-check-empty">
              {status === 'checking' || (status === 'idle' && auto) ? (
                t('checkingFirst')
              ) : status === 'ready' ? (
                <>
                  <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 text-green-600">
                    <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                  {t('empty')}
                </>
              ) : (
                t('offHint')
              )}
            </p>
          )}
          {groups.map((group) => (
            <div key={group.category} className="mb-3 last:mb-0">
              <h3 className="mb-1.5 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-ink-500">
                <span aria-hidden className={`h-2 w-2 rounded-full ${CATEGORY_STYLE[group.category].dot}`} />
                {t(`categories.${group.category}`)}
                <span className="font-normal tabular-nums">{group.hits.length}</span>
              </h3>
              {group.category === 'correction' &&
                replaceAllGroups.map((g) => (
                  <button
                    key={`${g.text}→${g.suggestion}`}
                    type="button"
                    className="mb-1.5 w-full rounded-md border border-blue-200 bg-blue-50 px-2.5 py-1.5 text-left text-xs font-medium text-blue-900 hover:bg-blue-100"
                    onClick={() => checker.replaceAll(g.hits)}
                    data-testid="text-check-replace-all"
                  >
                    {t('replaceAll', { from: g.text, to: g.suggestion, count: String(g.hits.length) })}
                  </button>
                ))}
              <ul className={`space-y-1.5 transition-opacity ${stale ? 'opacity-70' : ''}`}>
                {(showAll.has(group.category) ? group.hits : group.hits.slice(0, ROWS_SHOWN)).map((hit) => (
                  <HitRow key={hit.id} hit={hit} checker={checker} />
                ))}
              </ul>
              {group.hits.length > ROWS_SHOWN && !showAll.has(group.category) && (
                <button type="button" className="mt-1.5 text-xs font-medium text-brand-700 hover:underline" onClick={() => setShowAll((s) => new Set(s).add(group.category))}>
                  {t('showAll', { count: String(group.hits.length) })}
                </button>
              )}
            </div>
          ))}
        </div>

        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-line bg-gray-50 px-4 py-2 text-xs text-ink-700">
          <label className="inline-flex cursor-pointer items-center gap-1.5">
            <input
              type="checkbox"
              className="h-3.5 w-3.5 accent-brand-600"
              checked={auto}
              onChange={(e) => {
                storeAutoCheck(e.target.checked);
                checker.setAuto(e.target.checked);
              }}
              data-testid="text-check-auto"
            />
            {t('auto')}
          </label>
          <button type="button" className="rounded px-1.5 py-0.5 font-medium text-brand-700 hover:bg-white disabled:opacity-50" onClick={checker.checkNow} disabled={status === 'checking'}>
            {t('checkNow')}
          </button>
        </div>
      </div>
    </section>
  );
}

const ROWS_SHOWN = 30;

type HitRowProps = { hit: CheckedHit; checker: TextChecker };

// What a row shows; where the hit is does not matter to it (the checker acts
// on the latest answer's hit with the row's id), so typing elsewhere leaves
// the rows alone.
function sameRow(a: HitRowProps, b: HitRowProps): boolean {
  const x = a.hit;
  const y = b.hit;
  return a.checker === b.checker && x.id === y.id && x.before === y.before && x.after === y.after && x.detail === y.detail && x.suggestion === y.suggestion;
}

const HitRow = memo(function HitRow({ hit, checker }: HitRowProps) {
  const t = useTranslations('textCheck');
  const detail = hitDetail(t, hit);
  const replaceable = isReplaceable(hit);
  return (
    <li className="rounded-md border border-line text-sm" data-testid="text-check-hit" data-category={hit.category}>
      <button
        type="button"
        className="block w-full rounded-md px-2.5 py-1.5 text-left hover:bg-gray-50"
        onClick={() => checker.jumpTo(hit)}
        aria-label={t('jumpTo', { text: hit.text, field: t(`fields.${hit.field}`), what: describeHit(t, hit) })}
      >
        <span className="flex items-baseline justify-between gap-2">
          <span className="font-semibold text-ink-900">{hit.text}</span>
          <span className="shrink-0 text-xs text-ink-500">{t(`fields.${hit.field}`)}</span>
        </span>
        <span className="mt-0.5 block truncate text-xs text-ink-500" aria-hidden>
          {hit.before && <>…{hit.before}</>}
          <mark className={`text-check-hit text-check-${hit.category} bg-transparent text-ink-900`}>{hit.text}</mark>
          {hit.after && <>{hit.after}…</>}
        </span>
        {detail && <span className="mt-0.5 block text-xs text-ink-500">{detail}</span>}
        {hit.category === 'name' && hit.suggestion && <span className="mt-0.5 block text-xs text-ink-700">{t('expected', { suggestion: hit.suggestion })}</span>}
      </button>
      {replaceable && (
        <div className="border-t border-line px-2.5 py-1.5">
          <button
            type="button"
            className="rounded-md bg-blue-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-blue-700"
            onClick={() => checker.replace(hit)}
            data-testid="text-check-replace"
          >
            {t('replaceWith', { suggestion: hit.suggestion })}
          </button>
        </div>
      )}
    </li>
  );
}, sameRow);

// The word check in a line, for the editor's status bar: how many findings,
// and a way to the panel.
export function TextCheckStatus({ checker }: { checker: TextChecker }) {
  const t = useTranslations('textCheck');
  const { hits, status, auto } = useSyncExternalStore(checker.subscribe, checker.getSnapshot, () => SERVER_SNAPSHOT);
  const forbidden = hits.some((h) => h.category === 'forbidden');
  const label =
    hits.length > 0 ? t('statusHits', { count: String(hits.length) }) : status === 'checking' ? t('checking') : status === 'error' ? t('failedShort') : status === 'ready' ? t('empty') : auto ? t('checking') : t('statusOff');
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1.5 rounded px-1 text-ink-500 hover:bg-white hover:text-ink-900"
      onClick={() => {
        checker.setOpen(true);
        const panel = document.getElementById(TEXT_CHECK_PANEL_ID);
        panel?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
        panel?.querySelector<HTMLButtonElement>('[data-testid=text-check-hit] button, [data-testid=text-check-toggle]')?.focus({ preventScroll: true });
      }}
      data-testid="text-check-status"
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${hits.length ? (forbidden ? 'bg-red-600' : 'bg-amber-500') : status === 'ready' ? 'bg-green-600' : 'bg-gray-300'}`} />
      {t('statusLine', { state: label })}
    </button>
  );
}
