import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/i18n/locales';
import { mediaUrl } from '@/lib/media/urls';
import { columnPath, localizedPath } from '@/lib/public-paths';
import type { PublicColumn } from '@/lib/public-stories';
import { getSiteSettings } from '@/lib/settings';
import { LanguageLink } from './language-link';

export type SiteHeaderProps = { siteName: string; columns: PublicColumn[]; locale: Locale };

export async function SiteHeader({ siteName, columns, locale }: SiteHeaderProps) {
  const [t, tl, ta, { site }] = await Promise.all([getTranslations('public'), getTranslations('language'), getTranslations('a11y'), getSiteSettings()]);
  const home = localizedPath(locale, '/');
  const search = localizedPath(locale, '/search');
  return (
    <header className="no-print">
      <div className="bg-brand-700 text-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-4 sm:gap-4 sm:py-6">
          <Link href={home} className="flex min-w-0 items-center gap-2 sm:gap-3">
            {site.logoMediaId ? (
              // The logo set on the settings page, in place of the letter mark; the name beside it stays the link's text.
              // eslint-disable-next-line @next/next/no-img-element -- an uploaded image served by our media route, already resized
              <img src={mediaUrl(site.logoMediaId, 'medium')} alt="" className="h-8 w-auto max-w-24 shrink-0 object-contain sm:h-12 sm:max-w-48" data-testid="site-logo" />
            ) : (
              <span aria-hidden className="grid size-8 shrink-0 place-items-center rounded-full border-2 border-white/80 text-base font-bold sm:size-12 sm:text-xl">
                {siteName.slice(0, 1)}
              </span>
            )}
            <span lang="zh-CN" className="truncate text-xl font-bold tracking-wide whitespace-nowrap sm:text-3xl" style={{ fontFamily: 'var(--font-serif)' }}>
              {siteName}
            </span>
          </Link>
          {/* Never squeezed by a long site name: the name truncates instead. */}
          <div className="flex shrink-0 items-center gap-1 text-white/90 sm:gap-2">
            <form action={search} method="get" role="search" aria-label={ta('siteSearch')} className="hidden items-center md:flex">
              <label htmlFor="site-search" className="sr-only">
                {t('searchLabel')}
              </label>
              <input id="site-search" name="q" type="search" maxLength={50} placeholder={t('searchPlaceholder')} className="w-44 rounded-l border border-white/60 bg-white/10 px-2 py-1 text-sm text-white placeholder:text-white/70 focus:bg-white focus:text-ink-900 focus:outline-none" />
              <button type="submit" className="shrink-0 rounded-r border border-l-0 border-white/60 px-2 py-1 text-sm whitespace-nowrap hover:bg-white/10">
                {t('searchButton')}
              </button>
            </form>
            <Link href={search} className="rounded px-1.5 py-1 text-sm whitespace-nowrap hover:bg-white/10 md:hidden">
              {t('search')}
            </Link>
            <LanguageLink label={tl('switchTo')} title={tl('switchToLabel')} />
            <Link href="/login" className="hidden rounded border border-white/60 px-3 py-1 text-sm whitespace-nowrap hover:bg-white/10 sm:inline-block">
              {t('submit')}
            </Link>
          </div>
        </div>
      </div>
      <nav aria-label={t('mainNav')} className="border-b-4 border-brand-600 bg-brand-600 text-white">
        {/* Wraps onto a second row on phones rather than hiding columns off-screen. */}
        <ul className="mx-auto flex max-w-6xl flex-wrap px-2 text-[15px] whitespace-nowrap sm:flex-nowrap sm:gap-1 sm:overflow-x-auto">
          <li>
            <Link href={home} className="block px-3 py-2.5 hover:bg-brand-800">
              {t('home')}
            </Link>
          </li>
          {columns.map((c) => (
            <li key={c.id} lang="zh-CN">
              <Link href={localizedPath(locale, columnPath(c.slug))} className="block px-3 py-2.5 hover:bg-brand-800">
                {c.name}
              </Link>
            </li>
          ))}
          <li className="sm:hidden">
            <Link href="/login" className="block px-3 py-2.5 hover:bg-brand-800">
              {t('submit')}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
