'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type QuotaTargetsFormProps = {
  action: Action;
  // The period's key (2026-11, 2026-Q4, 2026).
  period: string;
  units: { unitId: number; name: string; adopted: number | null; points: number | null }[];
  // The page's words: the catalog's quotas part stays on the server.
  labels: Record<'unit' | 'adoptedTarget' | 'pointsTarget' | 'save' | 'formHint', string>;
};

const shown = (value: number | null) => (value === null ? '' : String(value));

const gridClass = 'md:grid md:grid-cols-[minmax(0,1fr)_10rem_10rem] md:items-start md:gap-4';

// Every unit's two targets for one period, saved together; a refused form
// keeps what was typed, a saved one shows what is stored (the page's props).
export function QuotaTargetsForm({ action, period, units, labels }: QuotaTargetsFormProps) {
  const t = (key: keyof QuotaTargetsFormProps['labels']) => labels[key];
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const input = (field: 'adopted' | 'points', unit: QuotaTargetsFormProps['units'][number]) => {
    const name = `${field}-${unit.unitId}`;
    const label = t(field === 'adopted' ? 'adoptedTarget' : 'pointsTarget');
    return (
      <div className="min-w-0">
        <label htmlFor={name} className="mb-1 block text-xs font-medium text-ink-700 md:sr-only">
          {label}
          <span className="sr-only"> · {unit.name}</span>
        </label>
        <input type="hidden" name={`was-${name}`} value={shown(unit[field])} />
        <TextInput
          name={name}
          inputMode={field === 'adopted' ? 'numeric' : 'decimal'}
          autoComplete="off"
          defaultValue={v[name] ?? shown(unit[field])}
          key={`${name}-${v[name] ?? shown(unit[field])}`}
          error={e[name]}
          data-testid={`quota-${name}`}
        />
        {e[name] && (
          <p id={`${name}-error`} className="mt-1 text-xs text-red-700" role="alert">
            {e[name]}
          </p>
        )}
      </div>
    );
  };
  return (
    <form action={formAction} noValidate data-testid="quota-targets-form">
      <input type="hidden" name="period" value={period} />
      {state.message && (
        <div className="border-b border-line p-4">
          <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>
        </div>
      )}
      <div className={`hidden border-b border-line bg-gray-50 px-4 py-2.5 text-xs font-medium text-ink-500 ${gridClass}`} aria-hidden>
        <span>{t('unit')}</span>
        <span>{t('adoptedTarget')}</span>
        <span>{t('pointsTarget')}</span>
      </div>
      <ul className="divide-y divide-line">
        {units.map((unit) => (
          <li key={unit.unitId} className={`space-y-2 px-4 py-3 md:space-y-0 ${gridClass}`} data-testid="quota-target-row" data-unit={unit.name}>
            <p className="text-sm font-medium break-words text-ink-900 md:pt-2">{unit.name}</p>
            <div className="grid grid-cols-2 gap-3 md:contents">
              {input('adopted', unit)}
              {input('points', unit)}
            </div>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-line bg-gray-50/60 px-4 py-3">
        <p className="text-xs text-ink-500">{t('formHint')}</p>
        <SubmitButton pendingLabel={t('save')}>{t('save')}</SubmitButton>
      </div>
    </form>
  );
}

// `button` is absent when the previous period has nothing to copy; `hint` says so.
export type QuotaCopyFormProps = { action: Action; period: string; hint: string; button: string | null };

// 复制上期指标: fills the units still without targets from the period before.
export function QuotaCopyForm({ action, period, hint, button }: QuotaCopyFormProps) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="space-y-3" data-testid="quota-copy-form">
      <input type="hidden" name="period" value={period} />
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-ink-700">{hint}</p>
        {button && (
          <SubmitButton variant="secondary" pendingLabel={button}>
            {button}
          </SubmitButton>
        )}
      </div>
    </form>
  );
}
