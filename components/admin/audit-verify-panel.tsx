'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';

export type AuditVerifyPanelProps = { action: FormAction };

// Verifies the trail's hash chains on the server and says whether they hold,
// or which row is the first that does not.
export function AuditVerifyPanel({ action }: AuditVerifyPanelProps) {
  const t = useTranslations('admin.audit.integrity');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const result = state.data?.result;
  return (
    <form action={formAction} className="flex flex-1 flex-col gap-3" data-testid="audit-verify">
      <p className="text-sm text-ink-500">{t('intro')}</p>
      {state.message && (
        <Alert tone={result === 'intact' ? 'success' : 'error'}>
          <p data-testid="audit-verify-result" data-result={result ?? 'error'} data-table={state.data?.table} data-id={state.data?.id}>
            {state.message}
          </p>
          {result === 'broken' && state.data?.day && (
            <Link href={`/admin/audit?from=${state.data.day}&to=${state.data.day}`} className="mt-1 inline-block font-medium underline">
              {t('showDay', { day: state.data.day })}
            </Link>
          )}
          {result === 'intact' && state.data?.heads && (
            <details className="mt-2 text-xs">
              <summary className="cursor-pointer">{t('checkpointTitle')}</summary>
              <p className="mt-1">{t('checkpointHint')}</p>
              <code className="mt-1 block font-mono break-all whitespace-pre-line">{state.data.heads}</code>
            </details>
          )}
        </Alert>
      )}
      <div className="mt-auto pt-1">
        <SubmitButton variant="secondary" pendingLabel={t('verifying')}>
          {t('verify')}
        </SubmitButton>
      </div>
    </form>
  );
}
