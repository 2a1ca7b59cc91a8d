import { getLocale, getTranslations } from 'next-intl/server';
import { Document } from '@/components/document';
import { StatusLink, StatusPage } from '@/components/status-page';

// Addresses no route knows, and notFound() in the portal. The public pages
// have their own, inside the site's frame.
export default async function NotFound() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('pages')]);
  return (
    <Document locale={locale}>
      <StatusPage code="404" title={t('notFoundTitle')} body={t('notFoundBody')} actions={<StatusLink href="/">{t('goHome')}</StatusLink>} />
    </Document>
  );
}
