'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { TextInput } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import { columnGridClass, columnOrderClass } from './column-grid';
import { ColumnMoveButtons } from './column-move-buttons';
import type { FormAction } from './types';

export type ColumnRowProps = {
  column: { id: number; name: string; slug: string; description: string; isActive: boolean; storyCount: number; publishedCount: number };
  // The column's public page, while it is shown.
  publicPath: string;
  isFirst: boolean;
  isLast: boolean;
  updateAction: FormAction;
  moveAction: FormAction;
  setHiddenAction: FormAction;
  deleteAction: FormAction;
};

type Form = 'save' | 'move' | 'status' | 'delete';

// One column: its fields (name, address, description) saved together, its
// place in the navigation, hide or show, and delete while it has no stories.
export function ColumnRow({ column, publicPath, isFirst, isLast, updateAction, moveAction, setHiddenAction, deleteAction }: ColumnRowProps) {
  const t = useTranslations('admin.columns');
  const [saved, saveAction] = useActionState<ActionState, FormData>(updateAction, { ok: false });
  const [moved, moveFormAction] = useActionState<ActionState, FormData>(moveAction, { ok: false });
  const [status, statusAction] = useActionState<ActionState, FormData>(setHiddenAction, { ok: false });
  const [deleted, removeAction] = useActionState<ActionState, FormData>(deleteAction, { ok: false });
  // Only the answer of the form used last is shown: an old "saved" would
  // otherwise stay beside a later refusal.
  const [last, setLast] = useState<Form | null>(null);
  const answer = { save: saved, move: moved, status, delete: deleted }[last ?? 'save'];
  const v = saved.values ?? { name: column.name, slug: column.slug, description: column.description };
  const e = saved.fieldErrors ?? {};
  // Field errors show under their fields; the generic "check the fields" line would only repeat them.
  const hasFieldError = Boolean(e.name || e.slug || e.description);
  const showAnswer = last !== null && answer.message && (answer.ok || !(last === 'save' && hasFieldError));
  const ids = { name: `column-${column.id}-name`, slug: `column-${column.id}-slug`, description: `column-${column.id}-description` };
  const labelClass = 'mb-1 block text-xs font-medium text-ink-500 md:sr-only';

  function field(key: 'name' | 'slug' | 'description', maxLength: number, extra: { placeholder?: string; className?: string } = {}) {
    return (
      <div>
        <label htmlFor={ids[key]} className={labelClass}>
          {t(key)}
        </label>
        <TextInput
          id={ids[key]}
          name={key}
          required={key !== 'description'}
          maxLength={maxLength}
          defaultValue={v[key]}
          error={e[key]}
          aria-describedby={e[key] ? `${ids[key]}-error` : undefined}
          key={`${key}-${v[key]}`}
          autoCapitalize={key === 'slug' ? 'none' : undefined}
          spellCheck={key === 'slug' ? false : undefined}
          {...extra}
        />
        {e[key] && (
          <p id={`${ids[key]}-error`} className="mt-1 text-sm text-red-700" role="alert">
            {e[key]}
          </p>
        )}
      </div>
    );
  }

  return (
    <li className={`px-4 py-3 ${column.isActive ? '' : 'bg-gray-50'}`} data-testid="column-row" data-column-slug={column.slug} data-column-name={column.name}>
      <div className="flex gap-3">
        <div className={`${columnOrderClass} pt-0.5`}>
          <ColumnMoveButtons column={column} isFirst={isFirst} isLast={isLast} formAction={moveFormAction} onSubmit={() => setLast('move')} />
        </div>
        <div className="min-w-0 flex-1">
          <form action={saveAction} onSubmit={() => setLast('save')} className={`grid gap-3 md:items-start ${columnGridClass}`} noValidate>
            <input type="hidden" name="id" value={column.id} />
            {field('name', 30)}
            {field('slug', 63)}
            {field('description', 200, { placeholder: t('optional') })}
            <div>
              <SubmitButton variant="secondary" className="md:w-full">
                {t('save')}
              </SubmitButton>
            </div>
          </form>
          <div className="mt-2.5 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
            {!column.isActive && <Badge tone="amber">{t('hiddenBadge')}</Badge>}
            <span className="text-ink-500" data-testid="column-counts">
              {t('storyCounts', { count: column.storyCount, published: column.publishedCount })}
            </span>
            {column.isActive && (
              <a href={publicPath} target="_blank" rel="noopener" className="font-mono text-xs text-ink-500 hover:text-brand-700 hover:underline">
                {publicPath}
              </a>
            )}
            <div className="ml-auto flex gap-2">
              <form action={statusAction} onSubmit={() => setLast('status')}>
                <input type="hidden" name="id" value={column.id} />
                <input type="hidden" name="hidden" value={column.isActive ? 'true' : 'false'} />
                <SubmitButton variant="secondary" className="md:w-20">
                  {column.isActive ? t('hide') : t('show')}
                </SubmitButton>
              </form>
              {column.storyCount === 0 && (
                <form action={removeAction} onSubmit={() => setLast('delete')}>
                  <input type="hidden" name="id" value={column.id} />
                  <SubmitButton variant="danger" className="md:w-20">
                    {t('delete')}
                  </SubmitButton>
                </form>
              )}
            </div>
          </div>
          {showAnswer && (
            <p className={`mt-2 text-sm ${answer.ok ? 'text-green-700' : 'text-red-700'}`} role={answer.ok ? 'status' : 'alert'}>
              {answer.message}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
