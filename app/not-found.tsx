import { getTranslations } from 'next-intl/server';
import { StatusLink, StatusPage } from '@/components/status-page';

export default async function NotFound() {
  const t = await getTranslations('pages');
  return <StatusPage code="404" title={t('notFoundTitle')} body={t('notFoundBody')} actions={<StatusLink href="/">{t('goHome')}</StatusLink>} />;
}
