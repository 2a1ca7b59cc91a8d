'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { UserRole } from '@/lib/types';
import { OneTimePassword } from './one-time-password';
import { UserFields } from './user-fields';
import type { FormAction, UnitOption } from './types';

// defaultDuties: checked for a new administrator (all three unless the 等保三级 profile is on).
export type UserCreateFormProps = { action: FormAction; roles: readonly UserRole[]; units: readonly UnitOption[]; columns: readonly UnitOption[]; defaultRole: UserRole; defaultDuties: string };

// "Create another" starts a fresh form (and forgets the shown password) by
// remounting it, rather than navigating to the page it is already on.
export function UserCreateForm(props: UserCreateFormProps) {
  const [round, setRound] = useState(0);
  return <CreateRound key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateRound({ action, roles, units, columns, defaultRole, defaultDuties, onAnother }: UserCreateFormProps & { onAnother: () => void }) {
  const t = useTranslations('admin.users');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });

  if (state.ok && state.data) {
    const { id, username, displayName, generatedPassword } = state.data;
    return (
      <div className="space-y-5" data-testid="user-created">
        <Alert tone="success">{state.message}</Alert>
        <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
          <dt className="text-ink-500">{t('username')}</dt>
          <dd className="font-mono">{username}</dd>
          <dt className="text-ink-500">{t('displayName')}</dt>
          <dd>{displayName}</dd>
        </dl>
        {generatedPassword ? <OneTimePassword label={t('generatedPassword')} value={generatedPassword} /> : <p className="text-sm text-ink-700">{t('typedPasswordNote')}</p>}
        <div className="flex flex-wrap gap-2 border-t border-line pt-4">
          <button type="button" onClick={onAnother} className={buttonClass('primary')}>
            {t('createAnother')}
          </button>
          <Link href={`/admin/users/${id}`} className={buttonClass('secondary')}>
            {t('manageCreated')}
          </Link>
          <Link href="/admin/users" className={buttonClass('ghost')}>
            {t('back')}
          </Link>
        </div>
      </div>
    );
  }

  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field label={t('username')} name="username" error={e.username} hint={t('usernameHint')}>
        <TextInput
          name="username"
          required
          maxLength={32}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono"
          defaultValue={v.username ?? ''}
          error={e.username}
          key={`un-${v.username ?? ''}`}
        />
      </Field>
      <UserFields
        values={{ displayName: v.displayName ?? '', role: v.role ?? defaultRole, adminDuties: v.adminDuties ?? defaultDuties, unitId: v.unitId ?? '', columnIds: v.columnIds ?? '', email: v.email ?? '', phone: v.phone ?? '' }}
        errors={e}
        roles={roles}
        units={units}
        columns={columns}
        afterUnit={
          <Field label={t('password')} name="password" error={e.password} hint={t('passwordHint')}>
            {/* Plain text: the administrator reads it out or hands it over. */}
            <TextInput name="password" type="text" maxLength={128} autoComplete="off" autoCapitalize="none" spellCheck={false} className="font-mono" error={e.password} />
          </Field>
        }
      />
      <div className="flex flex-wrap items-center gap-2 border-t border-line pt-4">
        <SubmitButton pendingLabel={t('creating')}>{t('create')}</SubmitButton>
        <Link href="/admin/users" className={buttonClass('ghost')}>
          {t('cancel')}
        </Link>
      </div>
    </form>
  );
}
