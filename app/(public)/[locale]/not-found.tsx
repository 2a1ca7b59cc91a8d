import { getLocale, getTranslations } from 'next-intl/server';
import { StatusLink, StatusPage } from '@/components/status-page';
import { localizedPath } from '@/lib/public-paths';

// Inside the public frame (header, columns, footer): an unknown article, or a
// draft, queued, scheduled or unpublished one, all look the same.
export default async function PublicNotFound() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('pages')]);
  return <StatusPage code="404" title={t('notFoundTitle')} body={t('notFoundBody')} actions={<StatusLink href={localizedPath(locale, '/')}>{t('goHome')}</StatusLink>} />;
}
