'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/components/admin/types';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { RecoveryCodes } from './recovery-codes';

// The forms of /account/two-factor. Their actions come from the page. The
// recovery codes an action answers with are shown in its form's place and
// live only in this state: the page is not re-rendered under them.

const recoveryCodesOf = (state: ActionState) => (state.ok ? state.data?.recoveryCodes?.split(' ') : undefined);

export function TwoFactorStartForm({ action, label, variant = 'primary' }: { action: FormAction; label: string; variant?: 'primary' | 'secondary' }) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-3">
      {state.message && !state.ok && <Alert tone="error">{state.message}</Alert>}
      <SubmitButton variant={variant} pendingLabel={t('working')}>
        {label}
      </SubmitButton>
    </form>
  );
}

function CodeForm({ action, state, submitLabel, testId }: { action: (formData: FormData) => void; state: ActionState; submitLabel: string; testId: string }) {
  const t = useTranslations('twoFactor');
  const error = state.fieldErrors?.code;
  return (
    <form action={action} className="space-y-3" noValidate data-testid={testId}>
      {state.message && !error && <Alert tone="error">{state.message}</Alert>}
      <Field label={t('code')} name="code" error={error} hint={t('codeHint')}>
        <TextInput name="code" required autoComplete="one-time-code" inputMode="numeric" maxLength={10} placeholder="123456" className="max-w-48 font-mono text-base tracking-widest" error={error} />
      </Field>
      <SubmitButton pendingLabel={t('working')}>{submitLabel}</SubmitButton>
    </form>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <li className="grid grid-cols-[1.75rem_1fr] gap-x-3">
      <span aria-hidden className="grid size-7 place-items-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
        {n}
      </span>
      <div className="min-w-0 pt-0.5">
        <p className="text-sm font-medium text-ink-900">{title}</p>
        <div className="mt-2">{children}</div>
      </div>
    </li>
  );
}

export type TwoFactorEnrolmentProps = {
  // The QR code of the otpauth:// address, as SVG made on the server.
  qrSvg: string;
  manualKey: string;
  accountName: string;
  confirm: FormAction;
  restart: FormAction;
  continueHref: string;
};

// Setting up: install an app, scan (or type the key), type the first code.
// Once the code is accepted, the recovery codes take the steps' place.
export function TwoFactorEnrolment({ qrSvg, manualKey, accountName, confirm, restart, continueHref }: TwoFactorEnrolmentProps) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(confirm, { ok: false });
  const codes = recoveryCodesOf(state);
  if (codes) {
    return (
      <Card className="p-5 sm:p-6">
        <h2 className="mb-4 text-base font-semibold text-green-800">{t('enabledTitle')}</h2>
        <RecoveryCodes codes={codes} continueHref={continueHref} />
      </Card>
    );
  }
  return (
    <Card className="p-5 sm:p-6">
      <h2 className="mb-4 text-base font-semibold text-ink-900" data-testid="two-factor-enrolment">
        {t('setUpTitle')}
      </h2>
      <ol className="space-y-6">
        <Step n={1} title={t('stepInstall')}>
          <p className="text-sm text-ink-500">{t('stepInstallHint')}</p>
        </Step>
        <Step n={2} title={t('stepScan')}>
          <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
            {/* Our own SVG, made by the QR library from our own otpauth:// address. */}
            <div className="size-48 shrink-0 rounded-md border border-line bg-white p-1" role="img" aria-label={t('qrAlt')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
            <div className="min-w-0 text-sm">
              <p className="text-ink-500">{t('manualKeyIntro')}</p>
              <p className="mt-2 rounded-md border border-line bg-gray-50 px-3 py-2 font-mono text-sm tracking-wider break-words text-ink-900 select-all" data-testid="two-factor-manual-key">
                {manualKey}
              </p>
              <p className="mt-2 text-xs text-ink-500">{t('manualKeyDetails', { account: accountName })}</p>
            </div>
          </div>
        </Step>
        <Step n={3} title={t('stepConfirm')}>
          <CodeForm action={formAction} state={state} submitLabel={t('confirm')} testId="two-factor-confirm" />
        </Step>
      </ol>
      <div className="mt-6 space-y-3 border-t border-line pt-4">
        <p className="text-sm text-ink-500">{t('restartIntro')}</p>
        <TwoFactorStartForm action={restart} label={t('restart')} variant="secondary" />
      </div>
    </Card>
  );
}

// New recovery codes for a current code from the app; shown in the form's place.
export function TwoFactorRegenerateForm({ action, continueHref }: { action: FormAction; continueHref: string }) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const codes = recoveryCodesOf(state);
  if (codes) {
    return (
      <div className="space-y-4">
        {state.message && <Alert tone="success">{state.message}</Alert>}
        <RecoveryCodes codes={codes} continueHref={continueHref} />
      </div>
    );
  }
  return <CodeForm action={formAction} state={state} submitLabel={t('regenerate')} testId="two-factor-regenerate" />;
}

// Turning two-factor off: the current password or a code from the app.
export function TwoFactorDisableForm({ action }: { action: FormAction }) {
  const t = useTranslations('twoFactor');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const error = state.fieldErrors?.credential;
  return (
    <form
      action={formAction}
      className="space-y-3"
      noValidate
      data-testid="two-factor-disable"
      onSubmit={(event) => {
        if (!window.confirm(t('disableConfirm'))) event.preventDefault();
      }}
    >
      {state.message && !error && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <Field label={t('disableCredential')} name="credential" error={error} hint={t('disableCredentialHint')}>
        <TextInput name="credential" type="password" required autoComplete="current-password" className="max-w-sm" error={error} />
      </Field>
      <SubmitButton variant="danger" pendingLabel={t('working')}>
        {t('disable')}
      </SubmitButton>
    </form>
  );
}
