'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { login } from './actions';

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations('login');
  // The permalink is where the form posts before the page's script has loaded.
  const [state, action] = useActionState<ActionState, FormData>(login, { ok: false }, '/login');
  const challenge = state.data?.challenge;
  return (
    <>
      <p className="mt-1 mb-5 text-sm text-ink-500">{challenge ? t('codeIntro') : t('subtitle')}</p>
      {challenge ? (
        // Keyed by the challenge: a new sign-in starts with an empty field.
        <CodeStep key={challenge} action={action} state={state} challenge={challenge} next={next} />
      ) : (
        <form action={action} className="space-y-4" noValidate>
          {state.message && <Alert tone="error">{state.message}</Alert>}
          <input type="hidden" name="next" value={next ?? ''} />
          <Field label={t('username')} name="username">
            <TextInput name="username" autoComplete="username" required autoFocus defaultValue={state.values?.username ?? ''} autoCapitalize="none" spellCheck={false} />
          </Field>
          <Field label={t('password')} name="password">
            <TextInput name="password" type="password" autoComplete="current-password" required />
          </Field>
          <SubmitButton className="w-full py-2.5" pendingLabel={t('submitting')}>
            {t('submit')}
          </SubmitButton>
        </form>
      )}
    </>
  );
}

type CodeStepProps = { action: (formData: FormData) => void; state: ActionState; challenge: string; next?: string };

// The second step: a code from the authenticator app, or a recovery code for
// whoever is without their phone. Both go in the same field; only the
// keyboard and the wording change.
function CodeStep({ action, state, challenge, next }: CodeStepProps) {
  const t = useTranslations('login');
  const [isRecovery, setRecovery] = useState(false);
  return (
    <form action={action} className="space-y-4" noValidate data-testid="login-code-step">
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <input type="hidden" name="next" value={next ?? ''} />
      <input type="hidden" name="challenge" value={challenge} />
      <input type="hidden" name="username" value={state.values?.username ?? ''} />
      <Field label={isRecovery ? t('recoveryCode') : t('code')} name="code" hint={isRecovery ? t('recoveryCodeHint') : t('codeHint')}>
        <TextInput
          key={isRecovery ? 'recovery' : 'app'}
          name="code"
          required
          autoFocus
          autoComplete={isRecovery ? 'off' : 'one-time-code'}
          inputMode={isRecovery ? 'text' : 'numeric'}
          maxLength={isRecovery ? 20 : 10}
          placeholder={isRecovery ? 'xxxxx-xxxxx' : '123456'}
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono text-base tracking-widest"
        />
      </Field>
      <SubmitButton className="w-full py-2.5" pendingLabel={t('verifying')}>
        {t('verify')}
      </SubmitButton>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <button type="button" className="text-brand-700 hover:underline" onClick={() => setRecovery(!isRecovery)}>
          {isRecovery ? t('useAppCode') : t('useRecoveryCode')}
        </button>
        <a href={next ? `/login?next=${encodeURIComponent(next)}` : '/login'} className="text-ink-500 hover:text-ink-900 hover:underline">
          {t('startOver')}
        </a>
      </div>
    </form>
  );
}
