'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { UserRole } from '@/lib/types';
import type { MaskedContact } from './masked-contact-input';
import { UserFields, type UserFieldValues } from './user-fields';
import type { FormAction, UnitOption } from './types';

export type UserEditFormProps = {
  action: FormAction;
  userId: number;
  initial: UserFieldValues;
  roles: readonly UserRole[];
  units: readonly UnitOption[];
  columns: readonly { id: number; name: string }[];
  // Contact fields shown masked until revealed; not sent (so kept) while masked.
  masked?: Partial<Record<'email' | 'phone', MaskedContact>>;
};

export function UserEditForm({ action, userId, initial, roles, units, columns, masked = {} }: UserEditFormProps) {
  const t = useTranslations('admin.users');
  const tc = useTranslations('common');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const v = state.values;
  const values: UserFieldValues = v
    ? { displayName: v.displayName ?? '', role: v.role ?? '', adminDuties: v.adminDuties ?? '', unitId: v.unitId ?? '', columnIds: v.columnIds ?? '', email: v.email ?? '', phone: v.phone ?? '' }
    : initial;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="user-edit-form">
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <input type="hidden" name="id" value={userId} />
      <UserFields
        values={values}
        errors={state.fieldErrors ?? {}}
        roles={roles}
        units={units}
        columns={columns}
        roleHint={t('roleChangeNote')}
        // A field the form sent was revealed: it stays an ordinary field.
        masked={Object.fromEntries(Object.entries(masked).filter(([field]) => !(v && field in v)))}
      />
      <div className="border-t border-line pt-4">
        <SubmitButton pendingLabel={tc('saving')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}
