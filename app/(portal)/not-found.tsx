import { getTranslations } from 'next-intl/server';
import { StatusLink, StatusPage } from '@/components/status-page';

// notFound() in the portal: inside its frame, in the user's language.
export default async function PortalNotFound() {
  const t = await getTranslations('pages');
  return <StatusPage code="404" title={t('notFoundTitle')} body={t('notFoundBody')} actions={<StatusLink href="/portal">{t('goPortal')}</StatusLink>} />;
}
