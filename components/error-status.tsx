'use client';

import { useTranslations } from 'next-intl';
import { StatusPage } from '@/components/status-page';

// Any failure while rendering (the database down, a bug): a message in the
// user's language and a reference that matches the server log, never details.
export function ErrorStatus({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('pages');
  const te = useTranslations('errors');
  return (
    <StatusPage
      code="503"
      title={t('errorTitle')}
      body={
        <>
          {t('errorBody')}
          {error.digest && <span className="mt-2 block font-mono text-xs">{te('reference', { ref: error.digest })}</span>}
        </>
      }
      actions={
        <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
          {t('retry')}
        </button>
      }
    />
  );
}
