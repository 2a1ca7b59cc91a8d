'use client';

import { useActionState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { useDateFormat } from '@/lib/i18n/dates';
import type { FlowSummary } from '@/lib/review-flows';
import type { FormAction } from './types';
import { WorkflowChain, WorkflowStageList, type WorkflowNames } from './workflow-chain';
import { WorkflowForm, type WorkflowChoices } from './workflow-form';

export type WorkflowCardProps = {
  flow: FlowSummary;
  choices: WorkflowChoices;
  names: WorkflowNames;
  isEditing: boolean;
  updateAction: FormAction;
  setDefaultAction: FormAction;
  deleteAction: FormAction;
  onEdit: () => void;
  onClose: (message?: string) => void;
};

// One flow: its name, 默认, version, the chain of stages and who acts at
// each, the columns that use it, the stories in review, its history; edited
// in place.
export function WorkflowCard({ flow, choices, names, isEditing, updateAction, setDefaultAction, deleteAction, onEdit, onClose }: WorkflowCardProps) {
  const t = useTranslations('admin.workflows');
  const { formatDateTime } = useDateFormat();
  const [defaulted, defaultFormAction] = useActionState<ActionState, FormData>(async (previous, formData) => {
    const next = await setDefaultAction(previous, formData);
    if (next.ok) onClose(next.message);
    return next;
  }, { ok: false });
  const [deleted, deleteFormAction] = useActionState<ActionState, FormData>(async (previous, formData) => {
    const next = await deleteAction(previous, formData);
    if (next.ok) onClose(next.message);
    return next;
  }, { ok: false });
  const refusal = [defaulted, deleted].find((state) => !state.ok && state.message);
  const isDeletable = !flow.isDefault && flow.columns.length === 0 && flow.boundStories === 0;
  const format = useFormatter();
  const columnNames = (list: { name: string }[]) => format.list(list.map((c) => c.name), { type: 'conjunction', style: 'narrow' });

  return (
    <li className="px-4 py-4 sm:px-5" data-testid="workflow-card" data-flow-name={flow.name} data-flow-id={flow.id}>
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h3 className="text-base font-semibold break-all text-ink-900">{flow.name}</h3>
          {flow.isDefault && <Badge tone="green">{t('defaultBadge')}</Badge>}
          <Badge>{t('versionBadge', { number: flow.version.number })}</Badge>
        </div>
        {!isEditing && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={onEdit} data-testid="workflow-edit">
              {t('edit')}
            </Button>
            {!flow.isDefault && (
              <form action={defaultFormAction}>
                <input type="hidden" name="id" value={flow.id} />
                <SubmitButton variant="secondary">{t('setDefault')}</SubmitButton>
              </form>
            )}
            {isDeletable && (
              <form action={deleteFormAction}>
                <input type="hidden" name="id" value={flow.id} />
                <SubmitButton variant="danger">{t('delete')}</SubmitButton>
              </form>
            )}
          </div>
        )}
      </div>

      {refusal && !isEditing && (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {refusal.message}
        </p>
      )}

      {isEditing ? (
        <div className="mt-4">
          <WorkflowForm
            flow={{ id: flow.id, name: flow.name, versionNumber: flow.version.number, updatedAt: flow.updatedAt.toISOString(), stages: flow.version.stages }}
            choices={choices}
            action={updateAction}
            onDone={(message) => onClose(message)}
            onCancel={() => onClose()}
          />
        </div>
      ) : (
        <div className="mt-3 space-y-3">
          <WorkflowChain stages={flow.version.stages} />
          <WorkflowStageList stages={flow.version.stages} names={names} />
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
            <dt className="text-ink-500">{t('columnsUsing')}</dt>
            <dd className="text-ink-700" data-testid="workflow-columns-using">
              {flow.columns.length ? columnNames(flow.columns) : flow.isDefault ? null : <span className="text-ink-500">{t('noColumns')}</span>}
              {flow.isDefault && (
                <span className={`${flow.columns.length ? 'mt-0.5 ' : ''}block text-ink-500`}>
                  {flow.defaultColumns.length ? t('defaultColumns', { names: columnNames(flow.defaultColumns) }) : t('defaultColumnsNone')}
                </span>
              )}
            </dd>
          </dl>
          <p className="text-sm text-ink-700" data-testid="workflow-in-flight">
            {t('inFlight', { count: flow.inFlight })}
          </p>
          <details className="text-sm">
            <summary className="cursor-pointer text-brand-700 hover:underline">{t('history', { count: flow.versions.length })}</summary>
            <ol className="mt-2 space-y-1 border-l-2 border-line pl-3 text-ink-700" data-testid="workflow-history">
              {flow.versions.map((version) => (
                <li key={version.id} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                  <span>{t('historyEntry', { number: version.number, when: formatDateTime(version.createdAt), who: version.createdByName ?? t('historyNobody') })}</span>
                  {version.number === flow.version.number && <Badge tone="brand">{t('historyCurrent')}</Badge>}
                  {version.inFlight > 0 && <Badge tone="amber">{t('historyInFlight', { count: version.inFlight })}</Badge>}
                </li>
              ))}
            </ol>
          </details>
        </div>
      )}
    </li>
  );
}
