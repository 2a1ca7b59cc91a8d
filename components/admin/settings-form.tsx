'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Field, inputClass, Select, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { SettingsLogoField } from './settings-logo-field';
import type { FormAction } from './types';

// One group of the settings page as data, so every group is the same form:
// labels and hints come from admin.settings.<group>.<name>[Hint].
export type SettingsField =
  | { kind: 'text' | 'url' | 'tel'; name: string; maxLength: number; placeholder?: string; wide?: boolean; inputMode?: 'numeric' }
  | { kind: 'number'; name: string; min: number; max: number; step: number; unit?: string; placeholder?: string }
  | { kind: 'select'; name: string; options: { value: string; label: string }[] }
  // inline: in the grid where it stands, not with the boxes below it.
  | { kind: 'checkbox'; name: string; inline?: boolean }
  // One entry per line.
  | { kind: 'lines'; name: string; rows: number; placeholder?: string }
  // A title over the fields that follow, from admin.settings.<group>.<name>.
  | { kind: 'heading'; name: string }
  | { kind: 'password'; name: string; hasPassword: boolean }
  | { kind: 'logo'; name: string; siteName: string };

export type SettingsFormProps = {
  group: string;
  action: FormAction;
  fields: SettingsField[];
  // What is saved now, as the form's text (a ticked box is 'on').
  initial: Record<string, string>;
  // Values for {placeholders} in hints (e.g. the upload ceiling).
  hintValues?: Record<string, string | number>;
};

// A group's form: a refused save shows each message beside its field and
// keeps everything typed; a save shows what was stored (trimmed, normalised).
export function SettingsForm({ group, action, fields, initial, hintValues = {} }: SettingsFormProps) {
  const t = useTranslations('admin.settings');
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const v = !state.ok && state.values ? state.values : initial;
  const e = state.fieldErrors ?? {};
  const label = (name: string) => t(`${group}.${name}` as 'title');
  const hint = (name: string) => (t.has(`${group}.${name}Hint` as 'title') ? t(`${group}.${name}Hint` as 'title', hintValues) : undefined);
  const half = fields.filter((f) => f.kind !== 'checkbox' || f.inline);

  return (
    <form action={formAction} className="space-y-4" noValidate data-testid={`settings-${group}-form`}>
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <input type="hidden" name="group" value={group} />
      {half.length > 0 && (
      <div className="grid gap-4 sm:grid-cols-2">
        {half.map((f) => {
          const wide = f.kind === 'logo' || f.kind === 'lines' || f.kind === 'heading' || ((f.kind === 'text' || f.kind === 'url') && f.wide);
          return (
            <div key={f.name} className={wide ? 'sm:col-span-2' : undefined}>
              {f.kind === 'heading' ? (
                <h3 className="border-t border-line pt-4 text-sm font-semibold text-ink-900">{label(f.name)}</h3>
              ) : f.kind === 'checkbox' ? (
                <CheckboxField name={f.name} label={label(f.name)} hint={hint(f.name)} checked={v[f.name] === 'on'} />
              ) : f.kind === 'lines' ? (
                <Field label={label(f.name)} name={f.name} error={e[f.name]} hint={hint(f.name)}>
                  <textarea
                    id={f.name}
                    name={f.name}
                    rows={f.rows}
                    placeholder={f.placeholder}
                    spellCheck={false}
                    autoComplete="off"
                    defaultValue={v[f.name] ?? ''}
                    aria-invalid={e[f.name] ? true : undefined}
                    className={`${inputClass} font-mono text-sm`}
                    key={`${f.name}-${v[f.name] ?? ''}`}
                  />
                </Field>
              ) : f.kind === 'logo' ? (
                <SettingsLogoField name={f.name} label={label(f.name)} hint={hint(f.name)} error={e[f.name]} initialId={v[f.name] ?? ''} siteName={f.siteName} />
              ) : f.kind === 'password' ? (
                <PasswordField group={group} name={f.name} hasPassword={f.hasPassword} error={e[f.name]} clearChecked={v.clearPassword === 'on'} result={state} />
              ) : (
                <Field label={label(f.name)} name={f.name} error={e[f.name]} hint={hint(f.name)}>
                  {f.kind === 'select' ? (
                    <Select name={f.name} defaultValue={v[f.name] ?? ''} error={e[f.name]} key={`${f.name}-${v[f.name] ?? ''}`}>
                      {f.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </Select>
                  ) : f.kind === 'number' ? (
                    <div className="flex items-center gap-2">
                      <TextInput
                        name={f.name}
                        type="number"
                        inputMode="decimal"
                        min={f.min}
                        max={f.max}
                        step={f.step}
                        placeholder={f.placeholder}
                        defaultValue={v[f.name] ?? ''}
                        error={e[f.name]}
                        className="max-w-40 tabular-nums"
                        key={`${f.name}-${v[f.name] ?? ''}`}
                      />
                      {f.unit && <span className="text-sm text-ink-500">{f.unit}</span>}
                    </div>
                  ) : (
                    <TextInput
                      name={f.name}
                      type={f.kind}
                      maxLength={f.maxLength}
                      placeholder={f.placeholder}
                      inputMode={f.inputMode}
                      autoComplete="off"
                      spellCheck={false}
                      defaultValue={v[f.name] ?? ''}
                      error={e[f.name]}
                      key={`${f.name}-${v[f.name] ?? ''}`}
                    />
                  )}
                </Field>
              )}
            </div>
          );
        })}
      </div>
      )}
      {fields.some((f) => f.kind === 'checkbox' && !f.inline) && (
        <div className="space-y-3">
          {fields
            .filter((f) => f.kind === 'checkbox' && !f.inline)
            .map((f) => (
              <CheckboxField key={f.name} name={f.name} label={label(f.name)} hint={hint(f.name)} checked={v[f.name] === 'on'} />
            ))}
        </div>
      )}
      <div className="border-t border-line pt-4">
        <SubmitButton pendingLabel={t('saving')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}

function CheckboxField({ name, label, hint, checked }: { name: string; label: string; hint?: string; checked: boolean }) {
  return (
    <label className="flex items-start gap-2.5 text-sm text-ink-700">
      <input type="checkbox" name={name} defaultChecked={checked} key={`${name}-${checked}`} className="mt-0.5 size-4 shrink-0 rounded border-line text-brand-600 focus:ring-brand-100" />
      <span>
        <span className="font-medium">{label}</span>
        {hint && <span className="mt-0.5 block text-xs text-ink-500">{hint}</span>}
      </span>
    </label>
  );
}

type PasswordFieldProps = { group: string; name: string; hasPassword: boolean; error?: string; clearChecked: boolean; result: ActionState };

// Write-only: the stored password never comes to the page. What is typed is
// kept in the browser (not sent back by the server) so a refused save keeps
// it; blank keeps the stored one.
function PasswordField({ group, name, hasPassword, error, clearChecked, result }: PasswordFieldProps) {
  const t = useTranslations('admin.settings');
  const [value, setValue] = useState('');
  // A save empties it (the password is stored); a refusal keeps it.
  const [seen, setSeen] = useState(result);
  if (seen !== result) {
    setSeen(result);
    if (result.ok) setValue('');
  }
  return (
    <div className="space-y-2">
      <Field label={t(`${group}.${name}` as 'title')} name={name} error={error} hint={hasPassword ? t('smtp.passwordSet') : t('smtp.passwordNotSet')}>
        <input
          id={name}
          name={name}
          type="password"
          autoComplete="new-password"
          maxLength={500}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder={hasPassword ? '••••••••' : ''}
          aria-invalid={error ? true : undefined}
          className={inputClass}
        />
      </Field>
      {hasPassword && (
        <label className="flex items-center gap-2 text-sm text-ink-700">
          <input type="checkbox" name="clearPassword" defaultChecked={clearChecked} key={`clear-${clearChecked}`} className="size-4 rounded border-line" />
          {t('smtp.clearPassword')}
        </label>
      )}
    </div>
  );
}
