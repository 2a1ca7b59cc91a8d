'use client';

import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { useCopy } from '@/components/ui/use-copy';

export type OneTimePasswordProps = { label: string; value: string };

// A password the server will never show again: large, monospace, selectable
// with one click, and copyable.
export function OneTimePassword({ label, value }: OneTimePasswordProps) {
  const t = useTranslations('admin.users');
  const { ref, copied, copy } = useCopy<HTMLOutputElement>();
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">{label}</p>
      <div className="mt-2 flex flex-wrap items-stretch gap-2">
        <output
          ref={ref}
          data-testid="generated-password"
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-lg tracking-wider break-all text-ink-900 select-all"
        >
          {value}
        </output>
        <button type="button" onClick={() => copy(value)} className={buttonClass('secondary', 'min-w-[5rem]')} aria-live="polite">
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </div>
  );
}
