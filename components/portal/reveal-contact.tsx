'use client';

import type { ActionState } from '@/lib/action-result';
import { useReveal } from './use-reveal';

export type RevealContactProps = {
  // As shown until revealed: 138****5678.
  masked: string;
  // The server action that reads the value in full (and audits the reveal).
  reveal: () => Promise<ActionState>;
  buttonText: string;
  // What a screen reader hears for the button: whose field it shows.
  buttonLabel: string;
  // The full value as a link to ring or write to.
  linkAs?: 'tel' | 'mailto';
  testId?: string;
};

// A masked phone number or e-mail address with its "show" button: a
// deliberate click, one request per value, audited on the server. What is
// revealed stays on this page only.
export function RevealContact({ masked, reveal, buttonText, buttonLabel, linkAs, testId }: RevealContactProps) {
  const { value, error, pending, run } = useReveal(reveal);

  if (value !== null) {
    const text = value || '—';
    return (
      <span className="break-all" data-testid={testId && `${testId}-value`}>
        {linkAs && value ? (
          <a href={`${linkAs}:${value}`} className="text-brand-700 hover:underline">
            {text}
          </a>
        ) : (
          text
        )}
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      <span className="break-all tabular-nums" data-testid={testId && `${testId}-masked`}>
        {masked}
      </span>
      <button
        type="button"
        className="rounded px-1 text-xs font-medium text-brand-700 hover:bg-brand-50 hover:underline disabled:opacity-60"
        aria-label={buttonLabel}
        disabled={pending}
        data-testid={testId && `${testId}-reveal`}
        onClick={run}
      >
        {buttonText}
      </button>
      {error && (
        <span role="alert" className="basis-full text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
