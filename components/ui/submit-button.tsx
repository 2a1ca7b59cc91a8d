'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';
import { buttonClass, type ButtonVariant } from './button';

export type SubmitButtonProps = { children: ReactNode; pendingLabel?: ReactNode; variant?: ButtonVariant; className?: string; name?: string; value?: string };

// Disabled while its form is being sent, so a double click submits once.
export function SubmitButton({ children, pendingLabel, variant = 'primary', className = '', name, value }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-busy={pending} className={buttonClass(variant, className)}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
