import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { getTranslations } from 'next-intl/server';
import { TwoFactorDisableForm, TwoFactorEnrolment, TwoFactorRegenerateForm, TwoFactorStartForm } from '@/components/account/two-factor-forms';
import { qrSvgOptions } from '@/components/public/qr-options';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, TitledCard } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDateFormat } from '@/lib/i18n/dates';
import { getTwoFactorStatus } from '@/lib/two-factor';
import { requirePortalViewer } from '../../guards';
import { confirmTwoFactorAction, disableTwoFactorAction, regenerateRecoveryCodesAction, startTwoFactorAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('twoFactor'))('title') };
}

// The owner's second factor: set it up (QR code, manual key, first code),
// see how many recovery codes are left and replace them, or turn it off.
// Until a second factor the site requires is set up, this is the only page.
export default async function TwoFactorPage() {
  const viewer = await requirePortalViewer({ step: 'two-factor' });
  const [t, tRoles, { formatDateTime }, status] = await Promise.all([getTranslations('twoFactor'), getTranslations('roles'), getDateFormat(), getTwoFactorStatus(viewer)]);
  const qrSvg = status.enrolment ? await QRCode.toString(status.enrolment.uri, { ...qrSvgOptions, margin: 2 }) : '';

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('title')} intro={t('intro')} />
      {viewer.mustEnrollTwoFactor && (
        <Alert tone="warning" className="mb-2">
          {t('requiredIntro', { role: tRoles(viewer.role) })}
        </Alert>
      )}

      {status.enrolment ? (
        <TwoFactorEnrolment
          qrSvg={qrSvg}
          manualKey={status.enrolment.manualKey}
          accountName={viewer.username}
          confirm={confirmTwoFactorAction}
          restart={startTwoFactorAction}
          continueHref={viewer.mustEnrollTwoFactor ? '/portal' : '/account/two-factor'}
        />
      ) : (
        <Card className="p-5 sm:p-6">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2" data-testid="two-factor-status">
            <div className="flex items-center gap-2">
              <span className="text-sm text-ink-500">{t('status')}</span>
              {status.enabledAt ? <Badge tone="green">{t('statusOn')}</Badge> : <Badge tone="gray">{t('statusOff')}</Badge>}
            </div>
            {status.enabledAt && <p className="text-sm text-ink-500">{t('enabledSince', { date: formatDateTime(status.enabledAt) })}</p>}
            {status.enabledAt && (
              <p className={`text-sm ${status.recoveryCodesLeft <= 3 ? 'font-medium text-amber-800' : 'text-ink-500'}`}>{t('codesLeft', { count: status.recoveryCodesLeft })}</p>
            )}
          </div>
        </Card>
      )}

      {!status.enabledAt && !status.enrolment && (
        <TitledCard title={t('setUpTitle')}>
          <p className="mb-4 text-sm leading-relaxed text-ink-700">{t('setUpIntro')}</p>
          <TwoFactorStartForm action={startTwoFactorAction} label={t('setUp')} />
        </TitledCard>
      )}

      {status.enabledAt && (
        <TitledCard title={t('codesSection')}>
          <p className="mb-4 text-sm leading-relaxed text-ink-700">{t('codesSectionIntro')}</p>
          <TwoFactorRegenerateForm action={regenerateRecoveryCodesAction} continueHref="/account/two-factor" />
        </TitledCard>
      )}

      {status.enabledAt && (
        <TitledCard title={t('disableSection')}>
          {status.isRequired ? (
            <p className="text-sm text-ink-700">{t('disableRequired', { role: tRoles(viewer.role) })}</p>
          ) : (
            <>
              <p className="mb-4 text-sm text-ink-700">{t('disableIntro')}</p>
              <TwoFactorDisableForm action={disableTwoFactorAction} />
            </>
          )}
        </TitledCard>
      )}
    </div>
  );
}
