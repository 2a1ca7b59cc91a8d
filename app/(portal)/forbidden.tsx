import { getTranslations } from 'next-intl/server';
import { StatusLink, StatusPage } from '@/components/status-page';

// Inside the portal's frame, in the user's language.
export default async function Forbidden() {
  const t = await getTranslations('pages');
  return (
    <StatusPage
      code="403"
      title={t('forbiddenTitle')}
      body={t('forbiddenBody')}
      actions={
        <>
          <StatusLink href="/portal">{t('goPortal')}</StatusLink>
          <StatusLink href="/">{t('goHome')}</StatusLink>
        </>
      }
    />
  );
}
