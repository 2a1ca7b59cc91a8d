import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StoryActionButton } from '@/components/desk/story-action-button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, TitledCard } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getSecurityOverview, SECURITY_CONTROL_AREAS } from '@/lib/security';
import { requirePagePermission } from '../../guards';
import { setSecurityProfileAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('security'))('title') };
}

// The site's security controls and their state, for the security
// administrator (who switches the 等保三级 profile) and the auditor.
export default async function SecurityPage() {
  const viewer = await requirePagePermission('security:manage', 'audit:read');
  const [t, tUsers, overview] = await Promise.all([getTranslations('security'), getTranslations('admin.users'), getSecurityOverview(viewer)]);
  const profileOn = overview.profile === 'dengbao3';
  const blocked = overview.blockers.combined.length > 0 || overview.blockers.unheld.length > 0;
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} intro={t('intro')} />

      <div data-testid="security-profile">
      <Card className="p-5 sm:p-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 flex-1 space-y-1">
            <h2 className="text-base font-semibold text-ink-900">
              {t('profileTitle')} <Badge tone={profileOn ? 'green' : 'gray'}>{profileOn ? t('on') : t('off')}</Badge>
            </h2>
            <p className="text-sm leading-relaxed text-ink-700">{t('profileIntro')}</p>
          </div>
          {overview.canSwitch && (
            <div className="shrink-0">
              <StoryActionButton
                label={profileOn ? t('profileTurnOff') : t('profileTurnOn')}
                pendingLabel={t('working')}
                confirm={profileOn ? t('profileTurnOffConfirm') : t('profileTurnOnConfirm')}
                variant={profileOn ? 'secondary' : 'primary'}
                run={setSecurityProfileAction.bind(null, profileOn ? 'none' : 'dengbao3')}
                testId="security-profile-switch"
              />
            </div>
          )}
        </div>
        {!profileOn && blocked && (
          <Alert tone="info" className="mt-4">
            {t('blockersIntro')}
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {overview.blockers.combined.length > 0 && <li>{t('blockersCombined', { accounts: overview.blockers.combined.join('、') })}</li>}
              {overview.blockers.unheld.map((duty) => (
                <li key={duty}>{t('blockersUnheld', { duty: tUsers(`duty.${duty}`) })}</li>
              ))}
            </ul>
          </Alert>
        )}
      </Card>
      </div>

      <TitledCard title={t('controlsTitle')}>
        <div className="space-y-5" data-testid="security-controls">
          {SECURITY_CONTROL_AREAS.map((area) => {
            const controls = overview.controls.filter((control) => control.area === area);
            if (!controls.length) return null;
            return (
              <section key={area} aria-labelledby={`controls-${area}`} data-area={area}>
                <h3 id={`controls-${area}`} className="text-xs font-semibold tracking-wide text-ink-500">
                  {t(`areas.${area}`)}
                </h3>
                <ul className="mt-1 divide-y divide-line">
                  {controls.map((control) => (
                    <li key={control.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm" data-control={control.id}>
                      <span className="min-w-48 flex-1 text-ink-900">{t(`controls.${control.labelKey}`)}</span>
                      <span className="ml-auto flex items-center gap-2">
                        {control.detail && <span className="text-xs text-ink-500 tabular-nums">{t.has(`details.${control.id}.${control.detail}`) ? t(`details.${control.id}.${control.detail}`) : control.detail}</span>}
                        <Badge tone={control.on ? 'green' : 'gray'}>{control.on ? t('on') : t('off')}</Badge>
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      </TitledCard>

      <TitledCard title={t('administratorsTitle')}>
        <ul className="divide-y divide-line" data-testid="security-administrators">
          {overview.administrators.map((admin) => (
            <li key={admin.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
              <span className="min-w-0 flex-1">
                {overview.canSwitch ? <span className="text-ink-900">{admin.displayName}</span> : admin.displayName} <span className="font-mono text-xs text-ink-500">{admin.username}</span>
              </span>
              <span className="flex flex-wrap gap-1.5">
                {admin.adminDuties.map((duty) => (
                  <Badge key={duty} tone={admin.adminDuties.length > 1 ? 'amber' : 'blue'}>
                    {tUsers(`duty.${duty}`)}
                  </Badge>
                ))}
              </span>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-xs text-ink-500">
          {t('administratorsHint')}{' '}
          <Link href="/admin/users?role=admin" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {t('administratorsLink')}
          </Link>
        </p>
      </TitledCard>
    </div>
  );
}
