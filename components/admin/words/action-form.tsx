'use client';

import { useActionState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import type { ActionState } from '@/lib/action-result';
import type { FormAction } from '../types';

// A form of the word-list pages: the action's message above its fields, and
// what was typed kept after a refusal (the render function gets the state).
export function WordsActionForm({
  action,
  children,
  className = 'space-y-3',
  testId,
  quiet = false,
}: {
  action: FormAction;
  children: (state: ActionState) => ReactNode;
  className?: string;
  testId?: string;
  // Row buttons (enable, delete) say only what went wrong.
  quiet?: boolean;
}) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, { ok: false });
  return (
    <form action={formAction} className={className} noValidate data-testid={testId}>
      {state.message && !(quiet && state.ok) && (
        <Alert tone={state.ok ? 'success' : 'error'} className="w-full">
          {state.message}
        </Alert>
      )}
      {children(state)}
    </form>
  );
}
