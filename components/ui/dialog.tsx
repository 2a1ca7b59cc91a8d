'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, type ReactNode } from 'react';
import { buttonClass } from './button';

export type DialogProps = { open: boolean; onClose: () => void; title: string; children: ReactNode; testId?: string };

// A modal on the native <dialog>: focus trap, Esc and the backdrop for free.
export function Dialog({ open, onClose, title, children, testId }: DialogProps) {
  const t = useTranslations('a11y');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-line bg-white p-0 text-ink-900 shadow-xl backdrop:bg-black/40"
    >
      <div className="flex items-center justify-between border-b border-line px-5 py-3">
        <h2 id={testId ? `${testId}-title` : undefined} className="text-base font-semibold">
          {title}
        </h2>
        <button type="button" onClick={onClose} className="rounded p-1 text-ink-500 hover:bg-gray-100" aria-label={t('closeDialog')}>
          ×
        </button>
      </div>
      <div className="max-h-[75vh] overflow-y-auto px-5 py-4">{children}</div>
    </dialog>
  );
}

// A dialog's footer: cancel on the left of the action(s) it is given.
export function DialogActions({ cancelLabel, onCancel, children, className = '' }: { cancelLabel: string; onCancel: () => void; children: ReactNode; className?: string }) {
  return (
    <div className={`flex justify-end gap-2 border-t border-line pt-3 ${className}`}>
      <button type="button" onClick={onCancel} className={buttonClass('ghost')}>
        {cancelLabel}
      </button>
      {children}
    </div>
  );
}
