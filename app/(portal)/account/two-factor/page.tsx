import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { TwoFactorCodeForm, TwoFactorDisableForm, TwoFactorStartForm } from '@/components/account/two-factor-forms';
import { qrSvgOptions } from '@/components/public/qr-options';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDateFormat } from '@/lib/i18n/dates';
import { getTwoFactorStatus } from '@/lib/two-factor';
import { requirePortalViewer } from '../../guards';
import { confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction, startTwoFactorAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('twoFactor'))('title') };
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card className="p-5 sm:p-6">
      <h2 className="mb-3 text-base font-semibold text-ink-900" data-testid={testId}>
        {title}
      </h2>
      {children}
    </Card>
  );
}

function Step({ n, title, children }: { n: number; title: string; children?: ReactNode }) {
  return (
    <li className="grid grid-cols-[1.75rem_1fr] gap-x-3">
      <span aria-hidden className="grid size-7 place-items-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
        {n}
      </span>
      <div className="min-w-0 pt-0.5">
        <p className="text-sm font-medium text-ink-900">{title}</p>
        {children && <div className="mt-2">{children}</div>}
      </div>
    </li>
  );
}

// The owner's second factor: set it up (QR code, manual key, first code),
// see how many recovery codes are left and replace them, or turn it off.
// Until a second factor the site requires is set up, this is the only page.
export default async function TwoFactorPage() {
  const viewer = await requirePortalViewer({ step: 'two-factor' });
  const [t, tRoles, { formatDateTime }, status] = await Promise.all([getTranslations('twoFactor'), getTranslations('roles'), getDateFormat(), getTwoFactorStatus(viewer)]);
  const isEnabled = status.enabledAt !== null;
  const qrSvg = status.enrolment ? await QRCode.toString(status.enrolment.uri, { ...qrSvgOptions, margin: 2 }) : '';

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('title')} intro={t('intro')} />
      {viewer.mustEnrollTwoFactor && (
        <Alert tone="warning" className="mb-2">
          {t('requiredIntro', { role: tRoles(viewer.role) })}
        </Alert>
      )}

      <Card className="p-5 sm:p-6">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2" data-testid="two-factor-status">
        <div className="flex items-center gap-2">
          <span className="text-sm text-ink-500">{t('status')}</span>
          {isEnabled ? <Badge tone="green">{t('statusOn')}</Badge> : <Badge tone="gray">{t('statusOff')}</Badge>}
        </div>
        {status.enabledAt && <p className="text-sm text-ink-500">{t('enabledSince', { date: formatDateTime(status.enabledAt) })}</p>}
        {isEnabled && (
          <p className={`text-sm ${status.recoveryCodesLeft <= 3 ? 'font-medium text-amber-800' : 'text-ink-500'}`}>{t('codesLeft', { count: status.recoveryCodesLeft })}</p>
        )}
        </div>
      </Card>

      {!isEnabled && !status.enrolment && (
        <Section title={t('setUpTitle')}>
          <p className="mb-4 text-sm leading-relaxed text-ink-700">{t('setUpIntro')}</p>
          <TwoFactorStartForm action={startTwoFactorAction} label={t('setUp')} />
        </Section>
      )}

      {!isEnabled && status.enrolment && (
        <Section title={t('setUpTitle')} testId="two-factor-enrolment">
          <ol className="space-y-6">
            <Step n={1} title={t('stepInstall')}>
              <p className="text-sm text-ink-500">{t('stepInstallHint')}</p>
            </Step>
            <Step n={2} title={t('stepScan')}>
              <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
                {/* Our own SVG, made by the QR library from our own otpauth:// address. */}
                <div className="size-48 shrink-0 rounded-md border border-line bg-white p-1" role="img" aria-label={t('qrAlt')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
                <div className="min-w-0 text-sm">
                  <p className="text-ink-500">{t('manualKeyIntro')}</p>
                  <p className="mt-2 rounded-md border border-line bg-gray-50 px-3 py-2 font-mono text-sm tracking-wider break-all text-ink-900 select-all" data-testid="two-factor-manual-key">
                    {status.enrolment.manualKey}
                  </p>
                  <p className="mt-2 text-xs text-ink-500">{t('manualKeyDetails', { account: viewer.username })}</p>
                </div>
              </div>
            </Step>
            <Step n={3} title={t('stepConfirm')}>
              <TwoFactorCodeForm action={confirmTwoFactorAction} submitLabel={t('confirm')} continueHref={viewer.mustEnrollTwoFactor ? '/portal' : '/account/two-factor'} testId="two-factor-confirm" />
            </Step>
          </ol>
          <div className="mt-6 border-t border-line pt-4 text-sm text-ink-500">
            <p className="mb-2">{t('restartIntro')}</p>
            <TwoFactorStartForm action={startTwoFactorAction} label={t('restart')} variant="ghost" />
          </div>
        </Section>
      )}

      {isEnabled && (
        <Section title={t('codesSection')}>
          <p className="mb-4 text-sm leading-relaxed text-ink-700">{t('codesSectionIntro')}</p>
          <TwoFactorCodeForm action={regenerateRecoveryCodesAction} submitLabel={t('regenerate')} continueHref="/account/two-factor" testId="two-factor-regenerate" />
        </Section>
      )}

      {isEnabled && (
        <Section title={t('disableSection')}>
          {status.isRequired ? (
            <p className="text-sm text-ink-700">{t('disableRequired', { role: tRoles(viewer.role) })}</p>
          ) : (
            <>
              <p className="mb-4 text-sm text-ink-700">{t('disableIntro')}</p>
              <TwoFactorDisableForm action={disableTwoFactorAction} />
            </>
          )}
        </Section>
      )}
    </div>
  );
}
