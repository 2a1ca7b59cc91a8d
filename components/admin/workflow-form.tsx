'use client';

import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { ActionState } from '@/lib/action-result';
import { FLOW_MAX_STAGES, STAGE_HOLDERS, type StageDef, type StageHolders } from '@/lib/review-flows/stages';
import type { FormAction } from './types';
import { submitKeepingValues } from './workflow-submit';

export type WorkflowPerson = { id: number; displayName: string; username: string; isEnabled: boolean; isDesk: boolean };
export type WorkflowColumn = { id: number; name: string; isActive: boolean };

export type WorkflowChoices = {
  // Enabled members of the desk, who may be named.
  people: WorkflowPerson[];
  // People a flow names who are no longer on the desk: shown where they are ticked.
  named: WorkflowPerson[];
  columns: WorkflowColumn[];
  unitApprovers: number;
};

export type WorkflowFormProps = {
  // Absent: a new flow.
  flow?: { id: number; name: string; versionNumber: number; updatedAt: string; stages: StageDef[] };
  choices: WorkflowChoices;
  action: FormAction;
  // After a save: the message to show where the form was.
  onDone: (message: string) => void;
  onCancel: () => void;
};

// Each stage carries a key of its own, so moving one moves its inputs too;
// the time limit is kept as typed, so a refused save shows it unchanged.
type EditableStage = StageDef & { key: number; limitText: string };

let nextKey = 0;
function editable(stage: StageDef): EditableStage {
  nextKey += 1;
  return { ...stage, key: nextKey, limitText: stage.limitHours === null ? '' : String(stage.limitHours) };
}

function emptyStage(): EditableStage {
  return editable({ name: '', holders: 'desk', userIds: [], columnIds: null, opinionRequired: false, limitHours: null, supervisorIds: [] });
}

// Empty: no limit. Whole hours go as numbers; anything else goes as typed,
// for the server to refuse in words.
function limitValue(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const checkboxClass = 'size-4 shrink-0 rounded border-line accent-brand-600';
const smallButtonClass =
  'inline-flex h-8 min-w-8 items-center justify-center rounded-md border border-line bg-white px-2 text-xs text-ink-700 hover:bg-gray-50 disabled:cursor-not-allowed disabled:opacity-40';

// A flow's name and its ordered stages: add, remove, move; per stage its
// name, who acts, the people named, a column limit and whether an opinion is
// required. The stages travel as one JSON field; what was typed stays on a
// refused save (the fields are this component's state).
export function WorkflowForm({ flow, choices, action, onDone, onCancel }: WorkflowFormProps) {
  const t = useTranslations('admin.workflows');
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(flow?.name ?? '');
  const [stages, setStages] = useState<EditableStage[]>(() => (flow ? flow.stages.map(editable) : [emptyStage()]));
  const [state, formAction, isPending] = useActionState<ActionState, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    if (next.ok) onDone(next.message ?? '');
    return next;
  }, { ok: false });
  // Errors name stages by position: once stages move, an old answer would
  // point at the wrong one, so it is set aside until the next save.
  const [setAside, setSetAside] = useState<ActionState | null>(null);
  const answer = state === setAside ? null : state;
  const e = answer?.fieldErrors ?? {};
  const hasFieldError = Object.keys(e).some((field) => field !== 'form');

  // A refused save: the first field it names gets the focus.
  useEffect(() => {
    if (state.ok || !state.fieldErrors) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  function change(key: number, patch: Partial<EditableStage>) {
    setStages((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  }
  function restructure(next: EditableStage[]) {
    setStages(next);
    setSetAside(state);
  }
  function move(index: number, by: -1 | 1) {
    const next = [...stages];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    restructure(next);
  }
  function toggle(list: readonly number[] | null, id: number, on: boolean): number[] {
    const current = list ?? [];
    return on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id);
  }

  const payload = JSON.stringify(stages.map(({ key: _key, limitText, ...stage }) => ({ ...stage, limitHours: limitValue(limitText) })));
  const nameId = `${formId}-name`;

  return (
    <form ref={formRef} onSubmit={submitKeepingValues(formAction)} className="space-y-5" noValidate data-testid="workflow-form">
      {flow && (
        <>
          <input type="hidden" name="id" value={flow.id} />
          <input type="hidden" name="versionNumber" value={flow.versionNumber} />
          <input type="hidden" name="updatedAt" value={flow.updatedAt} />
        </>
      )}
      <input type="hidden" name="stages" value={payload} />
      {answer?.message && !answer.ok && (!hasFieldError || e.form) && <Alert tone="error">{answer.message}</Alert>}
      {answer && !answer.ok && hasFieldError && !e.form && answer.message && (
        <p className="sr-only" role="alert">
          {answer.message}
        </p>
      )}

      <div className="space-y-1.5">
        <label htmlFor={nameId} className="block text-sm font-medium text-ink-700">
          {t('name')}
        </label>
        <input
          id={nameId}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t('namePlaceholder')}
          aria-invalid={e.name ? true : undefined}
          aria-describedby={e.name ? `${nameId}-error` : undefined}
          className={`${inputClass} sm:max-w-sm`}
        />
        {e.name && (
          <p id={`${nameId}-error`} className="text-sm text-red-700">
            {e.name}
          </p>
        )}
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-ink-700">{t('stagesHeading')}</legend>
        <p className="text-xs text-ink-500">
          {t('stagesHint')}
          {flow ? ` ${t('editHint')}` : ''}
        </p>
        {e.stages && (
          <p className="text-sm text-red-700" data-testid="stages-error">
            {e.stages}
          </p>
        )}
        <ol className="space-y-3">
          {stages.map((stage, index) => (
            <StageEditor
              key={stage.key}
              stage={stage}
              index={index}
              count={stages.length}
              // Under the new-flow form's h2, or an existing flow's h3 (its card).
              heading={flow ? 'h4' : 'h3'}
              idPrefix={`${formId}-stage-${stage.key}`}
              errors={{
                stage: e[`stages.${index}`],
                name: e[`stages.${index}.name`],
                holders: e[`stages.${index}.holders`],
                userIds: e[`stages.${index}.userIds`],
                columnIds: e[`stages.${index}.columnIds`],
                limitHours: e[`stages.${index}.limitHours`],
                supervisorIds: e[`stages.${index}.supervisorIds`],
              }}
              choices={choices}
              onChange={(patch) => change(stage.key, patch)}
              onTogglePerson={(id, on) => change(stage.key, { userIds: toggle(stage.userIds, id, on) })}
              onToggleSupervisor={(id, on) => change(stage.key, { supervisorIds: toggle(stage.supervisorIds, id, on) })}
              onToggleColumn={(id, on) => {
                const next = toggle(stage.columnIds, id, on);
                change(stage.key, { columnIds: next.length ? next : null });
              }}
              onMove={(by) => move(index, by)}
              onRemove={() => restructure(stages.filter((s) => s.key !== stage.key))}
            />
          ))}
        </ol>
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={() => restructure([...stages, emptyStage()])} disabled={stages.length >= FLOW_MAX_STAGES} data-testid="add-stage">
            + {t('addStage')}
          </Button>
          {stages.length >= FLOW_MAX_STAGES && <span className="text-xs text-ink-500">{t('maxStages', { max: FLOW_MAX_STAGES })}</span>}
        </div>
      </fieldset>

      <div className="flex flex-wrap gap-2 border-t border-line pt-4">
        <Button type="submit" disabled={isPending} aria-busy={isPending}>
          {isPending ? t('saving') : t('save')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

type StageEditorProps = {
  stage: EditableStage;
  index: number;
  count: number;
  heading: 'h3' | 'h4';
  idPrefix: string;
  errors: { stage?: string; name?: string; holders?: string; userIds?: string; columnIds?: string; limitHours?: string; supervisorIds?: string };
  choices: WorkflowChoices;
  onChange: (patch: Partial<EditableStage>) => void;
  onTogglePerson: (id: number, on: boolean) => void;
  onToggleSupervisor: (id: number, on: boolean) => void;
  onToggleColumn: (id: number, on: boolean) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

function StageEditor({ stage, index, count, heading: Heading, idPrefix, errors, choices, onChange, onTogglePerson, onToggleSupervisor, onToggleColumn, onMove, onRemove }: StageEditorProps) {
  const t = useTranslations('admin.workflows');
  const tDeadline = useTranslations('reviewDeadlines.workflow');
  const number = index + 1;
  const isSignOff = index === count - 1;
  // Those no longer on the desk appear only where a flow still names them, to be unticked.
  const people = [...choices.people, ...choices.named.filter((p) => stage.userIds.includes(p.id))];
  const supervisors = [...choices.people, ...choices.named.filter((p) => stage.supervisorIds.includes(p.id))];
  // A person in a stage's list: name, username, and why they may no longer be chosen.
  const personItems = (list: WorkflowPerson[], chosen: readonly number[]) =>
    list.map((person) => ({
      id: person.id,
      checked: chosen.includes(person.id),
      label: (
        <>
          <span className="text-ink-900">{person.displayName}</span>
          <span className="ml-1.5 font-mono text-xs text-ink-500">{person.username}</span>
        </>
      ),
      badge: !person.isEnabled ? <Badge tone="red">{t('personDisabled')}</Badge> : !person.isDesk ? <Badge tone="amber">{t('personNotDesk')}</Badge> : null,
    }));
  const ids = { name: `${idPrefix}-name`, holders: `${idPrefix}-holders`, people: `${idPrefix}-people`, columns: `${idPrefix}-columns`, opinion: `${idPrefix}-opinion`, limit: `${idPrefix}-limit`, supervisors: `${idPrefix}-supervisors` };
  return (
    <li className="rounded-md border border-line bg-gray-50/50 p-3 sm:p-4" data-testid="stage-editor" data-stage-index={index}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading className="flex items-center gap-2 text-sm font-semibold text-ink-900">
          {t('stageNumber', { number })}
          {isSignOff && <Badge tone="brand">{t('signOff')}</Badge>}
        </Heading>
        <div className="flex gap-1">
          <button type="button" className={smallButtonClass} onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('moveUp', { number })} title={t('moveUp', { number })}>
            ↑
          </button>
          <button type="button" className={smallButtonClass} onClick={() => onMove(1)} disabled={isSignOff} aria-label={t('moveDown', { number })} title={t('moveDown', { number })}>
            ↓
          </button>
          <button
            type="button"
            className={`${smallButtonClass} text-red-700`}
            onClick={onRemove}
            disabled={count === 1}
            aria-label={t('removeStage', { number })}
            title={t('removeStage', { number })}
          >
            {t('removeStageShort')}
          </button>
        </div>
      </div>
      {errors.stage && <p className="mt-2 text-sm text-red-700">{errors.stage}</p>}

      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor={ids.name} className="block text-sm font-medium text-ink-700">
            {t('stageName')}
          </label>
          <input
            id={ids.name}
            value={stage.name}
            onChange={(event) => onChange({ name: event.target.value })}
            placeholder={t('stageNamePlaceholder')}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${ids.name}-error` : undefined}
            className={inputClass}
            data-testid="stage-name"
          />
          {errors.name && (
            <p id={`${ids.name}-error`} className="text-sm text-red-700">
              {errors.name}
            </p>
          )}
        </div>
        <div className="space-y-1.5">
          <label htmlFor={ids.holders} className="block text-sm font-medium text-ink-700">
            {t('stageHolders')}
          </label>
          <select
            id={ids.holders}
            value={stage.holders}
            onChange={(event) => onChange({ holders: event.target.value as StageHolders })}
            aria-invalid={errors.holders ? true : undefined}
            aria-describedby={`${ids.holders}-hint`}
            className={inputClass}
            data-testid="stage-holders"
          >
            {STAGE_HOLDERS.map((holders) => (
              <option key={holders} value={holders}>
                {t(`holderOptions.${holders}`)}
              </option>
            ))}
          </select>
          <p id={`${ids.holders}-hint`} className={errors.holders ? 'text-sm text-red-700' : 'text-xs text-ink-500'}>
            {errors.holders ?? t(`holderHints.${stage.holders}`)}
          </p>
          {stage.holders === 'unit' && choices.unitApprovers === 0 && !errors.holders && <p className="text-xs text-amber-800">{t('noUnitApprover')}</p>}
        </div>
      </div>

      <div className={`mt-3 grid gap-3 ${stage.holders === 'desk' ? 'md:grid-cols-2' : ''}`}>
        {stage.holders === 'desk' && (
          <CheckList
            idPrefix={ids.columns}
            testId="stage-columns"
            legend={t('columnsLimit')}
            empty={t('columnsEmpty')}
            hint={t('columnsHint')}
            error={errors.columnIds}
            items={choices.columns.map((column) => ({
              id: column.id,
              checked: stage.columnIds?.includes(column.id) ?? false,
              label: <span className="text-ink-900">{column.name}</span>,
              badge: column.isActive ? null : <Badge>{t('columnHidden')}</Badge>,
            }))}
            onToggle={onToggleColumn}
          />
        )}
        <CheckList
          idPrefix={ids.people}
          testId="stage-people"
          legend={
            <>
              <span>{stage.holders === 'named' ? t('people') : t('peopleOptional')}</span>
              {stage.userIds.length > 0 && <span className="text-xs font-normal text-ink-500">{t('peopleChosen', { count: stage.userIds.length })}</span>}
            </>
          }
          empty={t('peopleEmpty')}
          hint={t(`peopleHints.${stage.holders}`)}
          error={errors.userIds}
          items={personItems(people, stage.userIds)}
          onToggle={onTogglePerson}
        />
      </div>

      <div className="mt-3 grid gap-3 md:grid-cols-2" data-testid="stage-deadline">
        <div className="space-y-1.5">
          <label htmlFor={ids.limit} className="block text-sm font-medium text-ink-700">
            {tDeadline('limit')}
          </label>
          <div className="flex items-center gap-2">
            <input
              id={ids.limit}
              inputMode="numeric"
              value={stage.limitText}
              onChange={(event) => onChange({ limitText: event.target.value })}
              placeholder={tDeadline('limitPlaceholder')}
              aria-invalid={errors.limitHours ? true : undefined}
              aria-describedby={`${ids.limit}-hint`}
              className={inputClass.replace('block w-full', 'block w-28')}
              data-testid="stage-limit"
            />
            <span className="text-sm whitespace-nowrap text-ink-700">{tDeadline('hours')}</span>
          </div>
          <p id={`${ids.limit}-hint`} className={errors.limitHours ? 'text-sm text-red-700' : 'text-xs text-ink-500'}>
            {errors.limitHours ?? tDeadline('limitHint')}
          </p>
        </div>
        <CheckList
          idPrefix={ids.supervisors}
          testId="stage-supervisors"
          legend={
            <>
              <span>{tDeadline('supervisors')}</span>
              {stage.supervisorIds.length > 0 && <span className="text-xs font-normal text-ink-500">{t('peopleChosen', { count: stage.supervisorIds.length })}</span>}
            </>
          }
          empty={t('peopleEmpty')}
          hint={tDeadline('supervisorsHint')}
          error={errors.supervisorIds}
          items={personItems(supervisors, stage.supervisorIds)}
          onToggle={onToggleSupervisor}
        />
      </div>

      <label htmlFor={ids.opinion} className="mt-3 flex cursor-pointer items-start gap-2 text-sm">
        <input id={ids.opinion} type="checkbox" className={`${checkboxClass} mt-0.5`} checked={stage.opinionRequired} onChange={(event) => onChange({ opinionRequired: event.target.checked })} />
        <span>
          <span className="font-medium text-ink-700">{t('opinionRequired')}</span>
          <span className="block text-xs text-ink-500">{t('opinionRequiredHint')}</span>
        </span>
      </label>
    </li>
  );
}

type CheckListProps = {
  idPrefix: string;
  testId: string;
  legend: ReactNode;
  empty: string;
  hint: string;
  error?: string;
  items: { id: number; checked: boolean; label: ReactNode; badge: ReactNode }[];
  onToggle: (id: number, on: boolean) => void;
};

// A stage's choice of people or columns: checkboxes in a list that scrolls
// rather than growing with the site, its error or hint under it.
function CheckList({ idPrefix, testId, legend, empty, hint, error, items, onToggle }: CheckListProps) {
  return (
    <fieldset className="min-w-0 space-y-1.5" aria-invalid={error ? true : undefined} aria-describedby={`${idPrefix}-hint`} tabIndex={error ? -1 : undefined} data-testid={testId}>
      <legend className="mb-1.5 flex w-full flex-wrap items-baseline justify-between gap-x-2 text-sm font-medium text-ink-700">{legend}</legend>
      {items.length === 0 ? (
        <p className="text-sm text-ink-500">{empty}</p>
      ) : (
        <ul className={`max-h-44 overflow-y-auto rounded-md border bg-white p-1 ${error ? 'border-red-500' : 'border-line'}`}>
          {items.map((item) => {
            const id = `${idPrefix}-${item.id}`;
            return (
              <li key={item.id}>
                <label htmlFor={id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-gray-50">
                  <input id={id} type="checkbox" className={checkboxClass} checked={item.checked} onChange={(event) => onToggle(item.id, event.target.checked)} />
                  <span className="min-w-0 flex-1 truncate">{item.label}</span>
                  {item.badge}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <p id={`${idPrefix}-hint`} className={error ? 'text-sm text-red-700' : 'text-xs text-ink-500'}>
        {error ?? hint}
      </p>
    </fieldset>
  );
}
