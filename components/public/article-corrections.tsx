import { getTranslations } from 'next-intl/server';
import { getDateFormat } from '@/lib/i18n/dates';
import type { ArticleCorrection } from '@/lib/public-corrections';

// 更正说明 at the end of an article, in the order they were made, each with
// its date; an anchor per note for /corrections and its feed to link to.
export async function ArticleCorrections({ corrections }: { corrections: ArticleCorrection[] }) {
  if (corrections.length === 0) return null;
  const [t, { formatDateTime }] = await Promise.all([getTranslations('liveArticles.public'), getDateFormat()]);
  return (
    <section className="mt-8 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-[15px] leading-7" aria-labelledby="corrections-title" data-testid="article-corrections">
      <h2 id="corrections-title" className="text-sm font-semibold text-amber-900">
        {t('correctionHeading')}
      </h2>
      <ol className="mt-1 space-y-2">
        {corrections.map((c) => (
          <li key={c.id} id={`correction-${c.id}`} className="text-ink-700" data-testid="article-correction">
            <span lang="zh-CN" className="break-words whitespace-pre-line">
              {c.note}
            </span>
            <time dateTime={c.createdAt.toISOString()} className="ml-2 text-xs whitespace-nowrap text-ink-500">
              {formatDateTime(c.createdAt)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
