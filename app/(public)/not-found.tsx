import { getTranslations } from 'next-intl/server';
import { StatusLink, StatusPage } from '@/components/status-page';

// Inside the public frame (header, columns, footer): an unknown article, or a
// draft, queued, scheduled or unpublished one, all look the same.
export default async function PublicNotFound() {
  const t = await getTranslations('pages');
  return <StatusPage code="404" title={t('notFoundTitle')} body={t('notFoundBody')} actions={<StatusLink href="/">{t('goHome')}</StatusLink>} />;
}
