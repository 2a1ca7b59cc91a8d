import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Field, Select, TextInput } from '@/components/ui/field';
import type { UserRole } from '@/lib/types';
import { MaskedContactInput, type MaskedContact } from './masked-contact-input';
import type { UnitOption } from './types';

// adminDuties: the duties checked, comma-separated.
export type UserFieldValues = { displayName: string; role: string; adminDuties: string; unitId: string; columnIds: string; email: string; phone: string };

const DUTIES = ['system', 'security', 'audit'] as const;

export type UserFieldsProps = {
  values: UserFieldValues;
  errors: Record<string, string>;
  roles: readonly UserRole[];
  units: readonly UnitOption[];
  roleHint?: string;
  // The columns an editor may be scoped to.
  columns: readonly { id: number; name: string }[];
  // Rendered between the unit and the contact fields (the first password when creating).
  afterUnit?: ReactNode;
  // Contact fields the site masks, shown so until revealed.
  masked?: Partial<Record<'email' | 'phone', MaskedContact>>;
};

// The fields the create and the manage forms share. Each control is keyed by
// its value so a refused form shows what was typed, not the old default.
export function UserFields({ values: v, errors: e, roles, units, columns, roleHint, afterUnit, masked = {} }: UserFieldsProps) {
  const t = useTranslations('admin.users');
  const tRoles = useTranslations('roles');
  return (
    <>
      <Field label={t('displayName')} name="displayName" error={e.displayName}>
        <TextInput name="displayName" required maxLength={40} defaultValue={v.displayName} error={e.displayName} key={`dn-${v.displayName}`} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('role')} name="role" error={e.role} hint={roleHint}>
          <Select name="role" required defaultValue={v.role} error={e.role} key={`role-${v.role}`}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {tRoles(role)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('unit')} name="unitId" error={e.unitId} hint={t('unitHint')}>
          <Select name="unitId" defaultValue={v.unitId} error={e.unitId} key={`unit-${v.unitId}`}>
            <option value="">{t('unitNone')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={String(unit.id)}>
                {unit.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-2" data-testid="admin-duties">
        <legend className="text-sm font-medium text-ink-900">{t('duties')}</legend>
        <p className="text-xs text-ink-500">{t('dutiesHint')}</p>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {DUTIES.map((duty) => (
            <label key={`${duty}-${v.adminDuties}`} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="adminDuties" value={duty} defaultChecked={v.adminDuties.split(',').includes(duty)} className="size-4 rounded border-line accent-brand-600" />
              {t(`duty.${duty}`)}
            </label>
          ))}
        </div>
        {e.adminDuties && (
          <p id="adminDuties-error" className="text-sm text-red-700" role="alert">
            {e.adminDuties}
          </p>
        )}
      </fieldset>
      {columns.length > 0 && (
        <fieldset className="space-y-2" data-testid="column-scope">
          <legend className="text-sm font-medium text-ink-900">{t('columnScope')}</legend>
          <p className="text-xs text-ink-500">{t('columnScopeHint')}</p>
          <div className="flex max-h-40 flex-wrap gap-x-5 gap-y-2 overflow-y-auto">
            {columns.map((column) => (
              <label key={`${column.id}-${v.columnIds}`} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="columnIds" value={column.id} defaultChecked={v.columnIds.split(',').includes(String(column.id))} className="size-4 rounded border-line accent-brand-600" />
                {column.name}
              </label>
            ))}
          </div>
          {e.columnIds && (
            <p id="columnIds-error" className="text-sm text-red-700" role="alert">
              {e.columnIds}
            </p>
          )}
        </fieldset>
      )}
      {afterUnit}
      <div className="grid gap-4 sm:grid-cols-2">
        {([
          ['email', 'email', 120],
          ['phone', 'tel', 40],
        ] as const).map(([name, type, maxLength]) => {
          const hidden = masked[name];
          return (
            <Field key={name} label={t(name)} name={name} error={e[name]} hint={hidden ? t('revealEditHint') : undefined}>
              {hidden ? (
                <MaskedContactInput
                  name={name}
                  type={type}
                  maxLength={maxLength}
                  masked={hidden}
                  buttonText={t('reveal')}
                  buttonLabel={t('revealLabel', { name: v.displayName, field: t(`contactFields.${name}`) })}
                />
              ) : (
                <TextInput name={name} type={type} maxLength={maxLength} autoComplete="off" defaultValue={v[name]} error={e[name]} key={`${name}-${v[name]}`} />
              )}
            </Field>
          );
        })}
      </div>
    </>
  );
}
