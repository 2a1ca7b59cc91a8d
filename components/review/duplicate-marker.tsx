import { useTranslations } from 'next-intl';

// The queue's 查重 marker: a story at or above the threshold is marked with
// its closest match's share (details on the story page). 60% and more is red,
// as on the story page.
export function DuplicateMarker({ similarity }: { similarity: number | null }) {
  const t = useTranslations('review');
  if (similarity === null) return null;
  const percent = Math.round(similarity * 100);
  const strong = similarity >= 0.6;
  return (
    <span
      className={`mt-1 inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${strong ? 'bg-red-50 text-red-800 ring-1 ring-red-200' : 'bg-amber-50 text-amber-900 ring-1 ring-amber-200'}`}
      data-testid="duplicate-marker"
      title={t('duplicateMarkerHint')}
    >
      {t('duplicateMarker', { percent })}
    </span>
  );
}
