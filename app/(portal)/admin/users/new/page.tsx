import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UserCreateForm } from '@/components/admin/user-create-form';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { isDengbaoProfile } from '@/lib/security/profile';
import { getSiteSettings } from '@/lib/settings';
import { listUnits } from '@/lib/units';
import { listActiveColumns } from '@/lib/stories';
import { roleOrder } from '@/lib/users';
import { requirePagePermission } from '../../../guards';
import { createUserAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.users'))('createTitle') };
}

export default async function NewUserPage() {
  const viewer = await requirePagePermission('users:create');
  const [t, units, { security }, columns] = await Promise.all([getTranslations('admin.users'), listUnits(viewer), getSiteSettings(), listActiveColumns(viewer)]);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href="/admin/users" className="mb-3 inline-block text-sm text-ink-500 hover:text-ink-900">
        ← {t('back')}
      </Link>
      <PageHeader title={t('createTitle')} intro={t('intro')} />
      <Card className="p-5 sm:p-6">
        <UserCreateForm action={createUserAction} roles={roleOrder} units={units.map(({ id, name }) => ({ id, name }))} columns={columns} defaultRole="correspondent" defaultDuties={isDengbaoProfile(security) ? '' : 'system,security,audit'} />
      </Card>
    </div>
  );
}
