import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePortalViewer } from '../../guards';
import { PasswordForm } from './password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('passwordTitle') };
}

type Props = { searchParams: Promise<{ changed?: string }> };

export default async function PasswordPage({ searchParams }: Props) {
  const viewer = await requirePortalViewer({ step: 'password' });
  const t = await getTranslations('account');
  const { changed } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={viewer.mustChangePassword ? t('mustChangeTitle') : t('passwordTitle')} />
      {viewer.mustChangePassword && (
        <Alert tone="warning" className="mb-4">
          {t('mustChangeIntro')}
        </Alert>
      )}
      {changed && !viewer.mustChangePassword && (
        <Alert tone="success" className="mb-4">
          {t('passwordSaved')}
        </Alert>
      )}
      <Card className="p-5 sm:p-6">
        <PasswordForm />
      </Card>
    </div>
  );
}
