'use client';

import { useState, useTransition } from 'react';
import type { ActionState } from '@/lib/action-result';

// A masked value's "show": one request to the server action (which checks
// and audits it), the value once it came, or the refusal to show.
export function useReveal(reveal: (() => Promise<ActionState>) | undefined) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      if (!reveal) return;
      setError(null);
      const result = await reveal();
      if (result.ok) setValue(result.data?.value ?? '');
      else setError(result.message ?? '');
    });
  return { value, error, pending, run };
}
