'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { FormAction } from '../types';
import { WordsActionForm } from './action-form';

export const LIST_CATEGORIES = ['forbidden', 'caution', 'correction', 'name'] as const;
export type ListCategoryName = (typeof LIST_CATEGORIES)[number];

export function WordListCreateForm({ action }: { action: FormAction }) {
  const t = useTranslations('admin.words');
  return (
    <WordsActionForm action={action} testId="word-list-create-form" className="space-y-4">
      {(state) => {
        const v = state.ok ? {} : (state.values ?? {});
        const e = state.fieldErrors ?? {};
        return (
          <>
            <Field label={t('listName')} name="new-list-name" error={e.name}>
              <TextInput id="new-list-name" name="name" maxLength={60} defaultValue={v.name ?? ''} error={e.name} key={`n-${v.name ?? ''}-${state.ok}`} data-testid="word-list-name" />
            </Field>
            <Field label={t('category')} name="new-list-category" error={e.category} hint={t('categoryHint')}>
              <Select id="new-list-category" name="category" defaultValue={v.category ?? 'correction'} error={e.category} data-testid="word-list-category">
                {LIST_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`categories.${c}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <SubmitButton pendingLabel={t('adding')}>{t('createList')}</SubmitButton>
          </>
        );
      }}
    </WordsActionForm>
  );
}

export function WordListToggle({ id, enabled, action, compact = true }: { id: number; enabled: boolean; action: FormAction; compact?: boolean }) {
  const t = useTranslations('admin.words');
  return (
    <WordsActionForm action={action} quiet className="flex flex-wrap items-center gap-2">
      {() => (
        <>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
          <SubmitButton variant="secondary" className={compact ? '!px-2.5 !py-1 text-xs' : ''}>
            {enabled ? t('disable') : t('enable')}
          </SubmitButton>
        </>
      )}
    </WordsActionForm>
  );
}

export function WordListRenameForm({ id, name, action }: { id: number; name: string; action: FormAction }) {
  const t = useTranslations('admin.words');
  return (
    <WordsActionForm action={action} className="space-y-3">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          <Field label={t('listName')} name="rename-list" error={state.fieldErrors?.name}>
            <TextInput id="rename-list" name="name" maxLength={60} defaultValue={state.values?.name ?? name} error={state.fieldErrors?.name} />
          </Field>
          <SubmitButton variant="secondary" pendingLabel={t('saving')}>
            {t('rename')}
          </SubmitButton>
        </>
      )}
    </WordsActionForm>
  );
}

export function WordListDeleteForm({ id, name, count, action }: { id: number; name: string; count: number; action: FormAction }) {
  const t = useTranslations('admin.words');
  return (
    <WordsActionForm action={action}>
      {() => (
        <>
          <input type="hidden" name="id" value={id} />
          <Button
            type="submit"
            variant="danger"
            onClick={(event) => {
              if (!window.confirm(t('deleteListConfirm', { name, count }))) event.preventDefault();
            }}
          >
            {t('deleteList')}
          </Button>
        </>
      )}
    </WordsActionForm>
  );
}

type EntryValues = { word: string; replacement: string; title: string; position: string; validFrom: string; validTo: string };

// The fields an entry has in its list's category.
function EntryFields({ category, values, errors, prefix }: { category: ListCategoryName; values: Partial<EntryValues>; errors: Record<string, string>; prefix: string }) {
  const t = useTranslations('admin.words');
  return (
    <div className="grid gap-3">
      <Field label={category === 'name' ? t('personName') : t('word')} name={`${prefix}-word`} error={errors.word}>
        <TextInput id={`${prefix}-word`} name="word" maxLength={100} defaultValue={values.word ?? ''} error={errors.word} data-testid="word-entry-word" />
      </Field>
      {category === 'correction' && (
        <Field label={t('replacement')} name={`${prefix}-replacement`} error={errors.replacement}>
          <TextInput id={`${prefix}-replacement`} name="replacement" maxLength={100} defaultValue={values.replacement ?? ''} error={errors.replacement} />
        </Field>
      )}
      {category === 'name' && (
        <>
          <Field label={t('personTitle')} name={`${prefix}-title`} error={errors.title}>
            <TextInput id={`${prefix}-title`} name="title" maxLength={100} defaultValue={values.title ?? ''} error={errors.title} />
          </Field>
          <Field label={t('position')} name={`${prefix}-position`} error={errors.position}>
            <Select id={`${prefix}-position`} name="position" defaultValue={values.position ?? 'before'}>
              <option value="before">{t('positionBefore')}</option>
              <option value="after">{t('positionAfter')}</option>
            </Select>
          </Field>
          <Field label={t('validFrom')} name={`${prefix}-validFrom`} error={errors.validFrom}>
            <TextInput id={`${prefix}-validFrom`} name="validFrom" type="date" defaultValue={values.validFrom ?? ''} error={errors.validFrom} />
          </Field>
          <Field label={t('validTo')} name={`${prefix}-validTo`} error={errors.validTo}>
            <TextInput id={`${prefix}-validTo`} name="validTo" type="date" defaultValue={values.validTo ?? ''} error={errors.validTo} />
          </Field>
        </>
      )}
    </div>
  );
}

export function WordEntryAddForm({ listId, category, action }: { listId: number; category: ListCategoryName; action: FormAction }) {
  const t = useTranslations('admin.words');
  return (
    <WordsActionForm action={action} testId="word-entry-add-form">
      {(state) => (
        <>
          <input type="hidden" name="listId" value={listId} />
          <EntryFields key={JSON.stringify(state.ok ? {} : (state.values ?? {}))} category={category} values={state.ok ? {} : (state.values ?? {})} errors={state.fieldErrors ?? {}} prefix="new-entry" />
          <SubmitButton pendingLabel={t('adding')}>{t('addEntry')}</SubmitButton>
        </>
      )}
    </WordsActionForm>
  );
}

export type EntryRowData = EntryValues & { id: number };

export function WordEntryRow({ entry, category, updateAction, deleteAction }: { entry: EntryRowData; category: ListCategoryName; updateAction: FormAction; deleteAction: FormAction }) {
  const t = useTranslations('admin.words');
  const [editing, setEditing] = useState(false);
  const detail =
    category === 'correction'
      ? `→ ${entry.replacement}`
      : category === 'name'
        ? [entry.position === 'after' ? `${entry.word}${entry.title}` : `${entry.title}${entry.word}`, entry.validFrom || entry.validTo ? `${entry.validFrom || '…'} ~ ${entry.validTo || '…'}` : ''].filter(Boolean).join(' · ')
        : '';
  return (
    <li className="px-4 py-2.5" data-testid="word-entry-row">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium break-all text-ink-900">{entry.word}</span>
        {detail && <span className="text-sm break-all text-ink-500">{detail}</span>}
        <span className="ml-auto flex gap-2">
          <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            {editing ? t('cancel') : t('edit')}
          </Button>
          <WordsActionForm action={deleteAction} quiet className="inline">
            {() => (
              <>
                <input type="hidden" name="id" value={entry.id} />
                <Button
                  type="submit"
                  variant="ghost"
                  className="!px-2 !py-1 text-xs text-red-700"
                  onClick={(event) => {
                    if (!window.confirm(t('deleteEntryConfirm', { word: entry.word }))) event.preventDefault();
                  }}
                >
                  {t('delete')}
                </Button>
              </>
            )}
          </WordsActionForm>
        </span>
      </div>
      {editing && (
        <WordsActionForm action={updateAction} className="mt-3 space-y-3">
          {(state) => (
            <>
              <input type="hidden" name="id" value={entry.id} />
              <EntryFields category={category} values={state.values ?? entry} errors={state.fieldErrors ?? {}} prefix={`entry-${entry.id}`} />
              <SubmitButton variant="secondary" pendingLabel={t('saving')}>
                {t('save')}
              </SubmitButton>
            </>
          )}
        </WordsActionForm>
      )}
    </li>
  );
}

export function PersonalInfoForm({ level, action }: { level: string; action: FormAction }) {
  const t = useTranslations('admin.words');
  return (
    <WordsActionForm action={action} className="space-y-3" testId="personal-info-form">
      {(state) => (
        <>
          <Field label={t('personalInfo')} name="personalInfo" hint={t('personalInfoHint')}>
            <Select id="personalInfo" name="personalInfo" defaultValue={state.values?.personalInfo ?? level}>
              {(['off', 'caution', 'forbidden'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`personalLevels.${l}`)}
                </option>
              ))}
            </Select>
          </Field>
          <SubmitButton variant="secondary" pendingLabel={t('saving')}>
            {t('save')}
          </SubmitButton>
        </>
      )}
    </WordsActionForm>
  );
}
