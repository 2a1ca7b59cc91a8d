'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { inputClass } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from './types';
import { submitKeepingValues } from './workflow-submit';

export type WorkflowColumnsProps = {
  columns: { id: number; name: string; isActive: boolean; flowId: number | null }[];
  flows: { id: number; name: string; isDefault: boolean }[];
  action: FormAction;
};

// Which flow each column's new stories follow, saved per column; the empty
// choice is the site's default, whichever flow that is.
export function WorkflowColumns({ columns, flows, action }: WorkflowColumnsProps) {
  const t = useTranslations('admin.workflows');
  const defaultFlow = flows.find((f) => f.isDefault);
  if (columns.length === 0) return <p className="p-4 text-sm text-ink-500 sm:px-5">{t('columnsEmpty')}</p>;
  return (
    <div>
      <div className="hidden grid-cols-[minmax(0,14rem)_minmax(0,30rem)] gap-3 border-b border-line bg-gray-50 px-5 py-2.5 text-xs font-medium text-ink-500 md:grid">
        <span>{t('column')}</span>
        <span>{t('flow')}</span>
      </div>
      <ul className="divide-y divide-line" data-testid="workflow-column-list">
        {columns.map((column) => (
          <WorkflowColumnRow key={column.id} column={column} flows={flows} defaultName={defaultFlow?.name ?? ''} action={action} />
        ))}
      </ul>
    </div>
  );
}

function WorkflowColumnRow({ column, flows, defaultName, action }: { column: WorkflowColumnsProps['columns'][number]; flows: WorkflowColumnsProps['flows']; defaultName: string; action: FormAction }) {
  const t = useTranslations('admin.workflows');
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(action, { ok: false });
  // Held here, so a refused save still shows the choice made.
  const [chosen, setChosen] = useState(column.flowId === null ? '' : String(column.flowId));
  const selectId = `column-flow-${column.id}`;
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="workflow-column-row" data-column-name={column.name}>
      <form onSubmit={submitKeepingValues(formAction)} className="grid items-center gap-2 md:grid-cols-[minmax(0,14rem)_minmax(0,30rem)] md:gap-3">
        <input type="hidden" name="id" value={column.id} />
        <label htmlFor={selectId} className="flex min-w-0 items-center gap-2 text-sm font-medium text-ink-900">
          <span className="truncate">{column.name}</span>
          {!column.isActive && <Badge>{t('columnHidden')}</Badge>}
        </label>
        <div className="flex min-w-0 gap-2">
          <select id={selectId} name="flowId" value={chosen}
            onChange={(event) => setChosen(event.target.value)} className={`${inputClass} min-w-0 flex-1`} data-testid="column-flow-select">
            <option value="">{t('useDefault', { name: defaultName })}</option>
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" className="shrink-0" disabled={isPending} aria-busy={isPending}>
            <span aria-hidden>{t('columnSave')}</span>
            <span className="sr-only">{t('columnSaveFor', { name: column.name })}</span>
          </Button>
        </div>
        {state.message && (
          <p className={`text-sm md:col-start-2 ${state.ok ? 'text-green-700' : 'text-red-700'}`} role={state.ok ? 'status' : 'alert'}>
            {state.message}
          </p>
        )}
      </form>
    </li>
  );
}
