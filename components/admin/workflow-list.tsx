'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { FlowSummary } from '@/lib/review-flows';
import type { FormAction } from './types';
import { WorkflowCard } from './workflow-card';
import type { WorkflowNames } from './workflow-chain';
import { WorkflowForm, type WorkflowChoices } from './workflow-form';

export type WorkflowListProps = {
  flows: FlowSummary[];
  choices: WorkflowChoices;
  names: WorkflowNames;
  createAction: FormAction;
  updateAction: FormAction;
  setDefaultAction: FormAction;
  deleteAction: FormAction;
};

// The flows and the one form open at a time (a new flow, or one being edited);
// what the last change did is said above the list, where it stays in view
// when the card it came from is gone.
export function WorkflowList({ flows, choices, names, createAction, updateAction, setDefaultAction, deleteAction }: WorkflowListProps) {
  const t = useTranslations('admin.workflows');
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const close = (done?: string) => {
    setOpen(null);
    setMessage(done ?? null);
  };
  const openForm = (which: number | 'new') => {
    setOpen(which);
    setMessage(null);
  };

  return (
    <div className="space-y-4">
      {message && <Alert tone="success">{message}</Alert>}
      {open === 'new' ? (
        <section className="rounded-lg border border-brand-100 bg-white p-4 shadow-xs sm:p-5" aria-labelledby="workflow-create-title">
          <h2 id="workflow-create-title" className="mb-4 text-base font-semibold text-ink-900">
            {t('createTitle')}
          </h2>
          <WorkflowForm choices={choices} action={createAction} onDone={close} onCancel={() => close()} />
        </section>
      ) : (
        <div>
          <Button onClick={() => openForm('new')} data-testid="workflow-create">
            + {t('create')}
          </Button>
        </div>
      )}
      <section className="rounded-lg border border-line bg-white shadow-xs" aria-labelledby="workflow-list-title">
        <h2 id="workflow-list-title" className="border-b border-line bg-gray-50 px-4 py-2.5 text-xs font-medium text-ink-500 sm:px-5">
          {t('flowsHeading')}
        </h2>
        {flows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="workflow-list">
            {flows.map((flow) => (
              <WorkflowCard
                key={flow.id}
                flow={flow}
                choices={choices}
                names={names}
                isEditing={open === flow.id}
                updateAction={updateAction}
                setDefaultAction={setDefaultAction}
                deleteAction={deleteAction}
                onEdit={() => openForm(flow.id)}
                onClose={close}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
