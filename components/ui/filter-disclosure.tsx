'use client';

import { useId, useState, type ReactNode } from 'react';

export type FilterDisclosureProps = {
  // The button's text ("筛选").
  label: string;
  // How many filters are in effect: shown on the button, and the panel then
  // starts open (after a search the phone shows what was searched for).
  activeCount: number;
  children: ReactNode;
  testId?: string;
};

// A list's filters behind a button on a phone, where they would fill the
// first screen; always shown from md up, where the button is not.
export function FilterDisclosure({ label, activeCount, children, testId }: FilterDisclosureProps) {
  const [isOpen, setOpen] = useState(activeCount > 0);
  const panelId = useId();
  return (
    <div className="mb-4" data-testid={testId}>
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen((open) => !open)}
        className={`inline-flex items-center gap-2 rounded-md border border-line bg-white px-3 py-1.5 text-sm font-medium text-ink-700 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600 md:hidden ${isOpen ? 'mb-2' : ''}`}
        data-testid={testId && `${testId}-toggle`}
      >
        <svg aria-hidden viewBox="0 0 16 16" className="size-4 fill-none stroke-current stroke-[1.5]">
          <path d="M2 3.5h12M4.5 8h7M7 12.5h2" strokeLinecap="round" />
        </svg>
        {label}
        {activeCount > 0 && <span className="rounded-full bg-brand-50 px-1.5 text-xs text-brand-700 tabular-nums">{activeCount}</span>}
        <span aria-hidden className={`text-ink-500 ${isOpen ? 'rotate-180' : ''}`}>
          ▾
        </span>
      </button>
      <div id={panelId} className={isOpen ? '' : 'max-md:hidden'}>
        {children}
      </div>
    </div>
  );
}
