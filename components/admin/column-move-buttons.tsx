'use client';

import { useFormStatus } from 'react-dom';
import { useTranslations } from 'next-intl';

export type ColumnMoveButtonsProps = {
  column: { id: number; name: string };
  isFirst: boolean;
  isLast: boolean;
  // The row's form action; the row shows what it answers.
  formAction: (formData: FormData) => void;
  onSubmit?: () => void;
};

function ArrowButton({ direction, label, disabled }: { direction: 'up' | 'down'; label: string; disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name="direction"
      value={direction}
      disabled={disabled || pending}
      aria-label={label}
      title={label}
      className="flex h-7 w-8 items-center justify-center rounded-md border border-line bg-white text-ink-700 hover:bg-gray-50 disabled:cursor-not-allowed disabled:opacity-40"
    >
      <svg viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${direction === 'down' ? 'rotate-180' : ''}`} aria-hidden>
        <path d="M8 3 3 8.5h3.25V13h3.5V8.5H13z" fill="currentColor" />
      </svg>
    </button>
  );
}

// Up and down the navigation: one form, the pressed button says which way.
// The first column cannot go up, nor the last down.
export function ColumnMoveButtons({ column, isFirst, isLast, formAction, onSubmit }: ColumnMoveButtonsProps) {
  const t = useTranslations('admin.columns');
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex flex-col gap-1">
      <input type="hidden" name="id" value={column.id} />
      <ArrowButton direction="up" label={t('moveUp', { name: column.name })} disabled={isFirst} />
      <ArrowButton direction="down" label={t('moveDown', { name: column.name })} disabled={isLast} />
    </form>
  );
}
