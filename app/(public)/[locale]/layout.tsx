import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Document, publicMessages } from '@/components/document';
import { SiteFooter } from '@/components/public/site-footer';
import { SiteHeader } from '@/components/public/site-header';
import { MAIN_ID, SkipLink } from '@/components/ui/skip-link';
import { listNavColumns } from '@/lib/public-stories';
import { getSiteSettings } from '@/lib/settings';
import { pageLocale } from './page-locale';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// Nothing is rendered at build (there is no database then): each page is
// rendered on its first visit, then served from the cache until a change
// invalidates it (lib/public-cache.ts).
export function generateStaticParams(): { locale: string }[] {
  return [];
}

export default async function PublicLayout({ children, params }: Props) {
  const locale = await pageLocale(params);
  const [settings, columns, t] = await Promise.all([getSiteSettings(), listNavColumns(), getTranslations({ locale, namespace: 'a11y' })]);
  return (
    <Document locale={locale} clientMessages={publicMessages}>
      <div className="flex min-h-screen flex-col">
        <SkipLink label={t('skipToContent')} />
        <SiteHeader siteName={settings.site.name} columns={columns} locale={locale} />
        <main id={MAIN_ID} tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none">{children}</main>
        <SiteFooter settings={settings} />
      </div>
    </Document>
  );
}
