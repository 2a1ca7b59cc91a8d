import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDateFormat, useDateFormat } from '@/lib/i18n/dates';
import type { Locale } from '@/lib/i18n/locales';
import { articlePath, getHeadline, listLatestStories, listNavColumns, type PublicStoryListItem } from '@/lib/public-stories';
import { getPublicSite } from '@/lib/feeds';
import { columnPath, localizedPath } from '@/lib/public-paths';
import { homeMetadata } from '@/lib/seo';
import { getSiteSettings } from '@/lib/settings';
import { pageLocale } from './page-locale';

function StoryLine({ story, locale }: { story: PublicStoryListItem; locale: Locale }) {
  const { formatDate } = useDateFormat();
  return (
    <li className="flex items-baseline justify-between gap-3 border-b border-dashed border-line py-2 last:border-0">
      <Link href={localizedPath(locale, articlePath(story))} className="min-w-0 truncate text-ink-900 hover:text-brand-700">
        {story.title}
      </Link>
      <time className="shrink-0 text-xs text-ink-500" dateTime={story.publishedAt.toISOString()}>
        {formatDate(story.publishedAt)}
      </time>
    </li>
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const [site, t] = await Promise.all([getPublicSite(), getTranslations('public')]);
  return homeMetadata(site, locale, t('homeDescription', { site: site.name }));
}

type Props = { params: Promise<{ locale: string }> };

// Rendered once, then served from the cache: a change to what readers see
// invalidates it at once (lib/public-cache.ts), and it is rebuilt at most
// once a minute anyway, in the background, for the read counts.
export const revalidate = 60;

export default async function HomePage({ params }: Props) {
  const locale = await pageLocale(params);
  const [t, { formatDate }, settings, columns, latest, headline] = await Promise.all([getTranslations('public'), getDateFormat(), getSiteSettings(), listNavColumns(), listLatestStories(9), getHeadline()]);
  const perColumn = await Promise.all(columns.map(async (c) => ({ column: c, stories: await listLatestStories(6, c.id) })));
  const rest = latest.filter((s) => s.id !== headline?.id).slice(0, 8);

  return (
    <div className="space-y-8">
      {/* The page's one h1 is the site; the lead story is one heading among the others. */}
      <h1 className="sr-only">{settings.site.name}</h1>
      <section className="grid gap-6 lg:grid-cols-5">
        <article className="min-w-0 self-start rounded-lg border border-line bg-white p-5 shadow-xs lg:col-span-3">
          <p className="mb-2 text-xs font-semibold tracking-widest text-brand-600">{t('headline')}</p>
          {headline ? (
            <>
              {headline.imageId && (
                <Link href={localizedPath(locale, articlePath(headline))} className="mb-4 block overflow-hidden rounded-md bg-gray-100">
                  {/* Our own re-encoded upload; the medium size suits this column width. */}
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={`/media/${headline.imageId}/medium`} alt={headline.title} width={1000} height={560} className="aspect-[16/9] w-full object-cover" fetchPriority="high" />
                </Link>
              )}
              <h2 className="text-xl leading-snug font-bold sm:text-2xl" style={{ fontFamily: 'var(--font-serif)' }}>
                <Link href={localizedPath(locale, articlePath(headline))} className="hover:text-brand-700">
                  {headline.title}
                </Link>
              </h2>
              <p className="mt-2 text-xs text-ink-500">
                {headline.columnName} · {formatDate(headline.publishedAt)}
              </p>
              <p className="mt-3 leading-relaxed text-ink-700">{headline.summary || headline.excerpt}</p>
              <Link href={localizedPath(locale, articlePath(headline))} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
                {t('readMore')} ›
              </Link>
            </>
          ) : (
            <p className="text-ink-500">{t('noStories')}</p>
          )}
        </article>
        <section className="min-w-0 rounded-lg border border-line bg-white p-5 shadow-xs lg:col-span-2">
          <h2 className="mb-2 border-l-4 border-brand-600 pl-2 font-semibold">{t('latest')}</h2>
          {rest.length ? (
            <ul>
              {rest.map((s) => (
                <StoryLine key={s.id} story={s} locale={locale} />
              ))}
            </ul>
          ) : (
            <p className="text-sm text-ink-500">{t('noStories')}</p>
          )}
        </section>
      </section>

      <section className="flex flex-col items-start justify-between gap-3 rounded-lg border border-brand-100 bg-brand-50 p-5 sm:flex-row sm:items-center" aria-labelledby="submit-title">
        <div>
          <h2 id="submit-title" className="font-semibold text-brand-800">
            {t('submit')}
          </h2>
          <p className="mt-1 text-sm text-ink-700">{settings.footer.submissionNote || t('submitNote')}</p>
        </div>
        <Link href="/login" className="shrink-0 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t('submitAction')}
        </Link>
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        {perColumn.map(({ column, stories }) => (
          <section key={column.id} className="min-w-0 rounded-lg border border-line bg-white p-5 shadow-xs">
            <div className="mb-2 flex items-center justify-between">
              <h2 className="border-l-4 border-brand-600 pl-2 font-semibold">{column.name}</h2>
              <Link href={localizedPath(locale, columnPath(column.slug))} className="text-sm text-ink-500 hover:text-brand-700">
                {t('more')} ›
              </Link>
            </div>
            {stories.length ? (
              <ul>
                {stories.map((s) => (
                  <StoryLine key={s.id} story={s} locale={locale} />
                ))}
              </ul>
            ) : (
              <p className="py-2 text-sm text-ink-500">{t('noStories')}</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
