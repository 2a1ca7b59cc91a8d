'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { useCopy } from '@/components/ui/use-copy';

export type RecoveryCodesProps = { codes: string[]; continueHref: string };

// Recovery codes the server keeps only as hashes: shown this once, to copy,
// download or write down before going on.
export function RecoveryCodes({ codes, continueHref }: RecoveryCodesProps) {
  const t = useTranslations('twoFactor');
  const { ref, copied, copy } = useCopy<HTMLOListElement>();
  const text = codes.join('\n');

  function download() {
    const url = URL.createObjectURL(new Blob([`${t('codesFileHeading')}\n\n${text}\n`], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <div className="rounded-md border border-amber-200 bg-amber-50 p-4">
        <p className="text-sm font-medium text-amber-900">{t('codesTitle')}</p>
        <p className="mt-1 text-sm text-amber-900">{t('codesIntro')}</p>
        <ol ref={ref} className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1.5 rounded-md border border-amber-300 bg-white px-4 py-3 font-mono text-sm tracking-wide whitespace-nowrap text-ink-900 select-all sm:max-w-md sm:text-base">
          {codes.map((code) => (
            <li key={code} data-testid="recovery-code">
              {code}
            </li>
          ))}
        </ol>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" onClick={() => copy(text)} className={buttonClass('secondary')} aria-live="polite">
            {copied ? t('codesCopied') : t('codesCopy')}
          </button>
          <button type="button" onClick={download} className={buttonClass('secondary')}>
            {t('codesDownload')}
          </button>
        </div>
      </div>
      {/* A full navigation: the portal's menu and pages open up once set. */}
      <Link href={continueHref} className={buttonClass('primary')} prefetch={false} data-testid="recovery-codes-done">
        {t('codesDone')}
      </Link>
    </div>
  );
}
