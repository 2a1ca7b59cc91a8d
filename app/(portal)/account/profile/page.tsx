import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getOwnProfile } from '@/lib/users';
import { requirePortalViewer } from '../../guards';
import { ProfileForm } from './profile-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('profileTitle') };
}

export default async function ProfilePage() {
  const viewer = await requirePortalViewer();
  const [t, tRoles, profile] = await Promise.all([getTranslations('account'), getTranslations('roles'), getOwnProfile(viewer)]);
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t('profileTitle')} />
      <Card className="mb-4 p-5 sm:p-6">
        <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
          <dt className="text-ink-500">{t('username')}</dt>
          <dd className="font-mono">{profile.username}</dd>
          <dt className="text-ink-500">{t('role')}</dt>
          <dd>{tRoles(profile.role)}</dd>
          <dt className="text-ink-500">{t('unit')}</dt>
          <dd>{profile.unitName ?? t('none')}</dd>
        </dl>
      </Card>
      <Card className="p-5 sm:p-6">
        <ProfileForm initial={{ displayName: profile.displayName, email: profile.email ?? '', phone: profile.phone ?? '' }} />
      </Card>
    </div>
  );
}
