import { getLocale, getTranslations } from 'next-intl/server';
import { Document } from '@/components/document';
import { StatusLink, StatusPage } from '@/components/status-page';

export default async function Forbidden() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('pages')]);
  return (
    <Document locale={locale}>
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
    </Document>
  );
}
