'use client';

import { useState, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Button, buttonClass, type ButtonVariant } from './button';
import { Dialog, DialogActions } from './dialog';

export type ConfirmSubmitButtonProps = {
  children: ReactNode;
  pendingLabel?: ReactNode;
  variant?: ButtonVariant;
  // The question and what follows from saying yes (e.g. "the user is signed out").
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  testId: string;
};

// A form's submit button for a consequential action (disable an account,
// reset a password): it asks first, and only the dialog's confirm button
// sends the form. The dialog sits inside the form, so that button submits it.
export function ConfirmSubmitButton({ children, pendingLabel, variant = 'primary', title, message, confirmLabel, cancelLabel, testId }: ConfirmSubmitButtonProps) {
  const [open, setOpen] = useState(false);
  const { pending } = useFormStatus();
  return (
    <>
      <Button variant={variant} disabled={pending} aria-busy={pending} onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid={testId}>
        {pending && pendingLabel ? pendingLabel : children}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} testId={`${testId}-dialog`}>
        <div className="text-sm text-ink-700">{message}</div>
        <DialogActions cancelLabel={cancelLabel} onCancel={() => setOpen(false)} className="mt-4">
          {/* Closing after the click: the submit event has already left. */}
          <button type="submit" className={buttonClass(variant === 'danger' ? 'danger' : 'primary')} onClick={() => setOpen(false)} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </button>
        </DialogActions>
      </Dialog>
    </>
  );
}
