import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/ui/status-badge';
import type { SimilarStory } from '@/lib/duplicates';

// 查重: the closest stories to this one, with how much of the text they share.
export async function DuplicateMatches({ matches, repeatedPercent }: { matches: SimilarStory[]; repeatedPercent: number }) {
  const t = await getTranslations('review');
  const warn = matches.some((m) => m.similarity >= 0.6) || repeatedPercent > 0;
  return (
    <section className={`rounded-lg border p-4 ${warn ? 'border-amber-300 bg-amber-50' : 'border-line bg-white'}`} data-testid="duplicate-matches">
      <h2 className="mb-2 text-sm font-semibold">{t('duplicates')}</h2>
      {repeatedPercent > 0 && <p className="mb-2 text-sm text-amber-900" data-testid="repeated-passages">{t('repeatedPassages', { percent: repeatedPercent })}</p>}
      {matches.length === 0 ? (
        <p className="text-sm text-ink-500">{t('noDuplicates')}</p>
      ) : (
        <ul className="space-y-2">
          {matches.map((m) => (
            <li key={m.id} className="flex items-start gap-2 text-sm">
              <span className={`w-12 shrink-0 text-right font-semibold tabular-nums ${m.similarity >= 0.6 ? 'text-red-700' : 'text-amber-800'}`}>{Math.round(m.similarity * 100)}%</span>
              <span className="min-w-0">
                <Link href={`/review/${m.id}`} className="font-medium text-brand-700 hover:underline">
                  {m.title || t('untitled')}
                </Link>
                <span className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-ink-500">
                  {m.receiptNo && <span className="font-mono">{m.receiptNo}</span>}
                  <span>{m.ownerName}</span>
                  <StatusBadge status={m.status} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
