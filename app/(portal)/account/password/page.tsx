import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getOwnPasswordRules } from '@/lib/account-security';
import { requirePortalViewer } from '../../guards';
import { PasswordForm } from './password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('passwordTitle') };
}

type Props = { searchParams: Promise<{ changed?: string }> };

export default async function PasswordPage({ searchParams }: Props) {
  const viewer = await requirePortalViewer({ step: 'password' });
  const [t, { policy, expired }, { changed }] = await Promise.all([getTranslations('account'), getOwnPasswordRules(viewer), searchParams]);
  // An expired password is changed at the same step as a first one; the page says which.
  const mustChange = viewer.mustChangePassword ? (expired ? 'expired' : 'first') : null;
  const rules = [
    t('passwordRuleLength', { min: policy.minLength }),
    t('passwordRuleUsername'),
    ...(policy.classes > 0 ? [t('passwordRuleClasses', { classes: policy.classes })] : []),
    ...(policy.refuseCommon ? [t('passwordRuleCommon')] : []),
    ...(policy.history > 0 ? [t('passwordRuleHistory', { history: policy.history })] : []),
  ];
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={mustChange === 'expired' ? t('passwordExpiredTitle') : mustChange === 'first' ? t('mustChangeTitle') : t('passwordTitle')} />
      {mustChange && (
        <Alert tone="warning" className="mb-4">
          {mustChange === 'expired' ? t('passwordExpiredIntro', { days: policy.expiryDays }) : t('mustChangeIntro')}
        </Alert>
      )}
      {changed && !viewer.mustChangePassword && (
        <Alert tone="success" className="mb-4">
          {t('passwordSaved')}
        </Alert>
      )}
      <Card className="p-5 sm:p-6">
        <PasswordForm minLength={policy.minLength} rulesIntro={t('passwordRulesIntro')} rules={rules} />
      </Card>
    </div>
  );
}
