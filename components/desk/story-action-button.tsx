'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonVariant } from '@/components/ui/button';

export type StoryActionButtonProps = {
  label: string;
  pendingLabel: string;
  confirm: string;
  variant?: ButtonVariant;
  run: () => Promise<{ ok: boolean; state?: { message?: string } } | { ok: boolean; message?: string } | void>;
  testId?: string;
};

// A confirmed one-shot action on a story (withdraw, delete): disabled while
// it runs, its refusal shown inline.
export function StoryActionButton({ label, pendingLabel, confirm, variant = 'secondary', run, testId }: StoryActionButtonProps) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <Button
        variant={variant}
        disabled={pending}
        data-testid={testId}
        onClick={() => {
          if (!window.confirm(confirm)) return;
          start(async () => {
            setError(null);
            const result = await run();
            if (result && !result.ok) {
              const message = 'state' in result ? result.state?.message : 'message' in result ? result.message : undefined;
              setError(message ?? '');
            } else router.refresh();
          });
        }}
      >
        {pending ? pendingLabel : label}
      </Button>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}
