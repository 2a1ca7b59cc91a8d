'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';
import { unitGridClass } from './unit-grid';

export type UnitRowProps = {
  unit: { id: number; name: string; description: string; userCount: number };
  renameAction: FormAction;
  deleteAction: FormAction;
};

// One unit: rename (name and description) and delete, each its own form.
export function UnitRow({ unit, renameAction, deleteAction }: UnitRowProps) {
  const t = useTranslations('admin.units');
  const [saved, saveAction] = useActionState<ActionState, FormData>(renameAction, { ok: false });
  const [deleted, removeAction] = useActionState<ActionState, FormData>(deleteAction, { ok: false });
  const v = saved.values ?? { name: unit.name, description: unit.description };
  const e = saved.fieldErrors ?? {};
  // Field errors show under their fields; the generic "check the fields" line would only repeat them.
  const hasFieldError = Boolean(e.name || e.description);
  const nameId = `unit-${unit.id}-name`;
  const descriptionId = `unit-${unit.id}-description`;
  const labelClass = 'mb-1 block text-xs font-medium text-ink-500 md:sr-only';
  return (
    <li className="px-4 py-3" data-testid="unit-row" data-unit-name={unit.name}>
      {/* On a phone the rename form's fields join this grid (display: contents) so
          both buttons share the last line; from md up each row is one line. */}
      <div className="grid grid-cols-[1fr_auto_auto] items-center gap-x-2 gap-y-3 md:flex md:items-start md:gap-3">
        <form action={saveAction} className={`contents md:grid md:flex-1 md:items-start md:gap-3 ${unitGridClass}`} noValidate>
          <input type="hidden" name="id" value={unit.id} />
          <div className="col-span-3 md:col-span-1">
            <label htmlFor={nameId} className={labelClass}>
              {t('name')}
            </label>
            <TextInput
              id={nameId}
              name="name"
              required
              maxLength={60}
              defaultValue={v.name}
              error={e.name}
              aria-describedby={e.name ? `${nameId}-error` : undefined}
              key={`n-${v.name}`}
            />
            {e.name && (
              <p id={`${nameId}-error`} className="mt-1 text-sm text-red-700" role="alert">
                {e.name}
              </p>
            )}
          </div>
          <div className="col-span-3 md:col-span-1">
            <label htmlFor={descriptionId} className={labelClass}>
              {t('description')}
            </label>
            <TextInput
              id={descriptionId}
              name="description"
              maxLength={200}
              placeholder={t('optional')}
              defaultValue={v.description}
              error={e.description}
              aria-describedby={e.description ? `${descriptionId}-error` : undefined}
              key={`d-${v.description}`}
            />
            {e.description && (
              <p id={`${descriptionId}-error`} className="mt-1 text-sm text-red-700" role="alert">
                {e.description}
              </p>
            )}
          </div>
          <div className="flex items-baseline gap-2 text-sm md:block md:py-2 md:text-right">
            <span className="text-xs text-ink-500 md:hidden">{t('users')}</span>
            <Link href={`/admin/users?unit=${unit.id}&status=all`} className="text-ink-700 tabular-nums hover:text-brand-700 hover:underline">
              {unit.userCount}
            </Link>
          </div>
          <div>
            <SubmitButton variant="secondary" className="md:w-full">
              {t('rename')}
            </SubmitButton>
          </div>
        </form>
        <form action={removeAction} className="md:w-20">
          <input type="hidden" name="id" value={unit.id} />
          <SubmitButton variant="danger" className="md:w-full">
            {t('delete')}
          </SubmitButton>
        </form>
      </div>
      {saved.message && (saved.ok || !hasFieldError) && (
        <p className={`mt-2 text-sm ${saved.ok ? 'text-green-700' : 'text-red-700'}`} role={saved.ok ? 'status' : 'alert'}>
          {saved.message}
        </p>
      )}
      {deleted.message && !deleted.ok && (
        <Alert tone="error" className="mt-2">
          {deleted.message}
        </Alert>
      )}
    </li>
  );
}
