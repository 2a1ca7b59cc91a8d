import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SettingsForm, type SettingsField } from '@/components/admin/settings-form';
import { SettingsTestMailForm } from '@/components/admin/settings-test-mail-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, getSettingsForAdmin, settingsGroupPermission, UPLOAD_MIN_MB } from '@/lib/settings';
import { can } from '@/lib/authz';
import { TWO_FACTOR_REQUIREMENTS } from '@/lib/two-factor/policy';
import { getUser } from '@/lib/users';
import { Alert } from '@/components/ui/alert';
import { COMMON_PASSWORD_COUNT } from '@/lib/auth/common-passwords';
import { isDengbaoProfile } from '@/lib/security/profile';
import { requirePagePermission } from '../../guards';
import { saveSettingsAction, sendTestEmailAction } from './actions';

// The password and session policy (lib/security/account-policy.ts), after the
// group's first fields.
function accountPolicyFields(t: (key: 'security.days' | 'security.minutes' | 'security.hours' | `security.passwordClassesOptions.${number}` | 'security.sameAsSite') => string): SettingsField[] {
  const idle = { kind: 'number', min: 5, max: 60 * 24 * 30, step: 1, unit: t('security.minutes'), placeholder: t('security.sameAsSite') } as const;
  const absolute = { kind: 'number', min: 1, max: 24 * 90, step: 1, unit: t('security.hours'), placeholder: t('security.sameAsSite') } as const;
  return [
    { kind: 'heading', name: 'rolesHeading' },
    { ...idle, name: 'editorSessionIdleMinutes' },
    { ...absolute, name: 'editorSessionAbsoluteHours' },
    { ...idle, name: 'adminSessionIdleMinutes' },
    { ...absolute, name: 'adminSessionAbsoluteHours' },
    { kind: 'heading', name: 'passwordHeading' },
    { kind: 'number', name: 'passwordMinLength', min: 8, max: 64, step: 1 },
    { kind: 'select', name: 'passwordClasses', options: [0, 1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`security.passwordClassesOptions.${n}`) })) },
    { kind: 'number', name: 'passwordExpiryDays', min: 0, max: 3650, step: 1, unit: t('security.days') },
    { kind: 'number', name: 'passwordHistory', min: 0, max: 24, step: 1 },
    { kind: 'checkbox', name: 'passwordRefuseCommon', inline: true },
    { kind: 'heading', name: 'accountsHeading' },
    { kind: 'number', name: 'dormantDays', min: 0, max: 3650, step: 1, unit: t('security.days') },
    { kind: 'lines', name: 'adminNetworks', rows: 4, placeholder: '10.0.0.0/8\n2001:db8::/32' },
  ];
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.settings'))('title') };
}

// Asia/Shanghai first: the sites this serves are in China.
const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Singapore',
  'Asia/Bangkok',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Paris',
  'Europe/Moscow',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
];

function utcOffset(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
  const offset = part?.value.replace('GMT', '') ?? '';
  return `UTC${offset || '+0'}`;
}

// Text values for the forms: a ticked box is 'on'.
function asText(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, typeof value === 'boolean' ? (value ? 'on' : '') : value === null || value === undefined ? '' : String(value)]),
  );
}

const sections = ['site', 'footer', 'uploads', 'smtp', 'review', 'security', 'privacy', 'audit'] as const;

function Section({ id, title, intro, children }: { id: string; title: string; intro: string; children: ReactNode }) {
  return (
    <Card className="scroll-mt-20 p-5 sm:p-6">
      <div id={id} className="mb-5">
        <h2 className="text-base font-semibold text-ink-900">{title}</h2>
        <p className="mt-1 text-sm text-ink-500">{intro}</p>
      </div>
      {children}
    </Card>
  );
}

export default async function SettingsPage() {
  const viewer = await requirePagePermission('settings:manage', 'security:manage');
  const [t, settings, self] = await Promise.all([getTranslations('admin.settings'), getSettingsForAdmin(viewer), getUser(viewer, viewer.id)]);
  const ceiling = settings.uploadCeilingMb;
  const zones = COMMON_TIME_ZONES.includes(settings.site.timeZone) ? COMMON_TIME_ZONES : [settings.site.timeZone, ...COMMON_TIME_ZONES];

  const fields: Record<(typeof sections)[number], SettingsField[]> = {
    site: [
      { kind: 'text', name: 'name', maxLength: 60 },
      { kind: 'text', name: 'defaultSource', maxLength: 60 },
      { kind: 'logo', name: 'logoMediaId', siteName: settings.site.name },
      { kind: 'url', name: 'baseUrl', maxLength: 200, placeholder: 'https://www.example.cn' },
      { kind: 'select', name: 'timeZone', options: zones.map((zone) => ({ value: zone, label: `${zone} (${utcOffset(zone)})` })) },
      { kind: 'checkbox', name: 'publicCorrections' },
    ],
    footer: [
      { kind: 'text', name: 'copyright', maxLength: 200, wide: true, placeholder: 'Copyright 2020 © 重庆长安网' },
      { kind: 'text', name: 'sponsor', maxLength: 100 },
      { kind: 'text', name: 'operator', maxLength: 100 },
      { kind: 'text', name: 'publicSecurityRecord', maxLength: 100, placeholder: '渝公网安备50011202500163号' },
      { kind: 'text', name: 'publicSecurityRecordCode', maxLength: 30, inputMode: 'numeric', placeholder: '50011202500163' },
      { kind: 'text', name: 'icpRecord', maxLength: 100, placeholder: '渝ICP备15010797号' },
      { kind: 'tel', name: 'phone', maxLength: 60 },
      { kind: 'text', name: 'extortionHotlineLabel', maxLength: 100 },
      { kind: 'tel', name: 'extortionHotline', maxLength: 60 },
      { kind: 'text', name: 'copyrightNotice', maxLength: 300, wide: true },
      { kind: 'text', name: 'submissionNote', maxLength: 200, wide: true },
    ],
    uploads: [
      { kind: 'number', name: 'imageMaxMb', min: UPLOAD_MIN_MB, max: ceiling, step: 0.1, unit: 'MB' },
      { kind: 'number', name: 'docxMaxMb', min: UPLOAD_MIN_MB, max: ceiling, step: 0.1, unit: 'MB' },
    ],
    smtp: [
      { kind: 'text', name: 'host', maxLength: 253, placeholder: 'smtp.example.cn' },
      { kind: 'number', name: 'port', min: 1, max: 65535, step: 1 },
      { kind: 'text', name: 'user', maxLength: 200 },
      { kind: 'password', name: 'password', hasPassword: settings.smtp.hasPassword },
      { kind: 'text', name: 'from', maxLength: 200, wide: true, placeholder: '投稿平台 <noreply@example.cn>' },
      { kind: 'checkbox', name: 'secure' },
      { kind: 'checkbox', name: 'requireTls' },
    ],
    security: [
      { kind: 'number', name: 'sessionIdleMinutes', min: 5, max: 60 * 24 * 30, step: 1, unit: t('security.minutes') },
      { kind: 'number', name: 'sessionAbsoluteHours', min: 1, max: 24 * 90, step: 1, unit: t('security.hours') },
      { kind: 'select', name: 'twoFactorRequiredFor', options: TWO_FACTOR_REQUIREMENTS.map((value) => ({ value, label: t(`security.twoFactorRequiredForOptions.${value}`) })) },
      ...accountPolicyFields(t),
    ],
    privacy: [{ kind: 'checkbox', name: 'maskPersonalData' }],
    review: [
      { kind: 'checkbox', name: 'secrecyCheck', inline: true },
      { kind: 'heading', name: 'articleMetaHeading' },
      { kind: 'checkbox', name: 'articleShowsEditor', inline: true },
      { kind: 'checkbox', name: 'articleShowsReviewers', inline: true },
      { kind: 'checkbox', name: 'articleShowsSigner', inline: true },
    ],
    audit: [{ kind: 'number', name: 'retentionDays', min: AUDIT_RETENTION_MIN_DAYS, max: AUDIT_RETENTION_MAX_DAYS, step: 1, unit: t('audit.days') }],
  };
  const { hasPassword: _hasPassword, ...smtp } = settings.smtp;
  const initial: Record<(typeof sections)[number], Record<string, string>> = {
    site: asText(settings.site),
    footer: asText(settings.footer),
    uploads: asText(settings.uploads),
    smtp: asText(smtp),
    security: { ...asText(settings.security), adminNetworks: settings.security.adminNetworks.join('\n') },
    privacy: asText(settings.privacy),
    review: asText(settings.review),
    audit: asText(settings.audit),
  };

  // Each administrator sees the groups of their duty (lib/settings/admin.ts).
  const visible = sections.filter((s) => can(viewer, settingsGroupPermission[s]));
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t('title')} intro={t('intro')} />
      <nav aria-label={t('sections')} className="mb-4 flex flex-wrap gap-2 text-sm">
        {visible.map((s) => (
          <a key={s} href={`#${s}`} className="rounded-full border border-line bg-white px-3 py-1 text-ink-700 hover:border-brand-600 hover:text-brand-700">
            {t(`${s}.title`)}
          </a>
        ))}
      </nav>
      <div className="grid gap-4">
        {visible.map((s) => (
          <Section key={s} id={s} title={t(`${s}.title`)} intro={t(`${s}.intro`, { max: ceiling, minDays: AUDIT_RETENTION_MIN_DAYS })}>
            {s === 'security' && isDengbaoProfile(settings.security) && (
              <Alert tone="info" className="mb-4">
                {t('security.profileOnNote')}
              </Alert>
            )}
            <SettingsForm
              group={s}
              action={saveSettingsAction}
              fields={fields[s]}
              initial={initial[s]}
              hintValues={{ max: ceiling, min: UPLOAD_MIN_MB, minDays: AUDIT_RETENTION_MIN_DAYS, count: COMMON_PASSWORD_COUNT, address: viewer.ip ?? '—' }}
            />
            {s === 'smtp' && (
              <div className="mt-6 border-t border-line pt-5">
                <h3 className="mb-3 text-sm font-semibold text-ink-900">{t('smtp.testTitle')}</h3>
                <SettingsTestMailForm action={sendTestEmailAction} defaultTo={self.email ?? ''} />
              </div>
            )}
          </Section>
        ))}
      </div>
    </div>
  );
}
