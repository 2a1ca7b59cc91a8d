import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getPublicSite } from '@/lib/feeds';
import { getDateFormat } from '@/lib/i18n/dates';
import type { Locale } from '@/lib/i18n/locales';
import { listCorrectionsPage } from '@/lib/public-corrections';
import { correctionsPath, localizedPath } from '@/lib/public-paths';
import { articlePath } from '@/lib/public-stories';
import { absoluteUrl } from '@/lib/seo';

// 更正说明: every correction note of the published stories, newest first, a
// page of them per address (/corrections, /corrections/p/<n>). A 404 while
// the site does not list them (the setting is off by default).

export async function correctionsPageMetadata(page: number): Promise<Metadata> {
  const [t, site] = await Promise.all([getTranslations('liveArticles.public'), getPublicSite()]);
  const title = page > 1 ? `${t('correctionsTitle')} · ${t('page', { page })}` : t('correctionsTitle');
  return {
    title,
    alternates: site.origin ? { types: { 'application/rss+xml': [{ url: absoluteUrl(site, '/corrections/rss.xml'), title: `${t('correctionsTitle')} · ${site.name}` }] } } : undefined,
  };
}

export async function CorrectionsPage({ locale, page }: { locale: Locale; page: number }) {
  const list = await listCorrectionsPage(page);
  if (!list) notFound();
  const [t, { formatDateTime }] = await Promise.all([getTranslations('liveArticles.public'), getDateFormat()]);
  return (
    <section className="mx-auto max-w-4xl rounded-lg border border-line bg-white p-5 shadow-xs sm:p-8" data-testid="corrections-page">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="border-l-4 border-brand-600 pl-3 text-xl font-bold">{t('correctionsTitle')}</h1>
        <a href="/corrections/rss.xml" className="text-sm text-brand-700 hover:underline">
          RSS
        </a>
      </div>
      <p className="mt-1 pl-4 text-sm text-ink-500">{t('correctionsIntro')}</p>
      {list.items.length ? (
        <ol className="mt-4 divide-y divide-dashed divide-line">
          {list.items.map((c) => (
            <li key={c.id} className="py-4" data-testid="correction-item">
              <Link href={`${localizedPath(locale, articlePath({ id: c.storyId, publicId: c.publicId }))}#correction-${c.id}`} className="font-medium break-words hover:text-brand-700" lang="zh-CN">
                {c.title}
              </Link>
              <p className="mt-1 text-[15px] leading-7 break-words whitespace-pre-line text-ink-700" lang="zh-CN">
                {c.note}
              </p>
              <p className="mt-1 text-xs text-ink-500">
                <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt)}</time>
                {c.columnName && <span className="ml-3">{c.columnName}</span>}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-4 text-ink-500">{t('correctionsEmpty')}</p>
      )}
      {list.pages > 1 && (
        <nav className="mt-6 flex items-center justify-between text-sm" aria-label={t('pagination')}>
          {page > 1 ? (
            <Link href={localizedPath(locale, correctionsPath(page - 1))} className="text-brand-700 hover:underline" rel="prev">
              « {t('newer')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-ink-500">{t('pageOf', { page, pages: list.pages })}</span>
          {page < list.pages ? (
            <Link href={localizedPath(locale, correctionsPath(page + 1))} className="text-brand-700 hover:underline" rel="next">
              {t('older')} »
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
