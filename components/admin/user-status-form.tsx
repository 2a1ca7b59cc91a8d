'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { ConfirmSubmitButton } from '@/components/ui/confirm-submit-button';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';

export type UserStatusFormProps = { action: FormAction; userId: number; isDisabled: boolean };

// Disable or enable, whichever the account is not. The server decides whether
// it is allowed (nobody disables their own account).
export function UserStatusForm({ action, userId, isDisabled }: UserStatusFormProps) {
  const t = useTranslations('admin.users');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-3" data-testid="user-status-form">
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <input type="hidden" name="id" value={userId} />
      <input type="hidden" name="disabled" value={isDisabled ? '0' : '1'} />
      <p className="text-sm text-ink-700">{isDisabled ? t('enableExplain') : t('disableConfirm')}</p>
      {isDisabled ? (
        <SubmitButton variant="secondary" pendingLabel={t('working')}>
          {t('enable')}
        </SubmitButton>
      ) : (
        // Disabling signs the user out at once: asked first.
        <ConfirmSubmitButton
          variant="danger"
          pendingLabel={t('working')}
          title={t('disableAsk')}
          message={t('disableConfirm')}
          confirmLabel={t('disable')}
          cancelLabel={t('cancel')}
          testId="disable-account"
        >
          {t('disable')}
        </ConfirmSubmitButton>
      )}
    </form>
  );
}
