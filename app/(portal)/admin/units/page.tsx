import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UnitCreateForm } from '@/components/admin/unit-create-form';
import { unitGridClass } from '@/components/admin/unit-grid';
import { UnitRow } from '@/components/admin/unit-row';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/authz';
import { listUnits } from '@/lib/units';
import { requirePagePermission } from '../../guards';
import { createUnitAction, deleteUnitAction, updateUnitAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.units'))('title') };
}

export default async function UnitsPage() {
  const viewer = await requirePagePermission('units:manage');
  const [t, tQuotas, units] = await Promise.all([getTranslations('admin.units'), getTranslations('quotas'), listUnits(viewer)]);
  return (
    <div>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          can(viewer, 'quotas:manage') && (
            <Link href="/stats/quotas" className="text-sm text-brand-700 underline hover:no-underline" data-testid="units-quotas-link">
              {tQuotas('manage')}
            </Link>
          )
        }
      />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="order-2 overflow-hidden lg:order-1">
          {units.length === 0 ? (
            <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
          ) : (
            <>
              <div className="hidden gap-3 border-b border-line bg-gray-50 px-4 py-2.5 text-xs font-medium text-ink-500 md:flex">
                <div className={`grid flex-1 gap-3 ${unitGridClass}`}>
                  <span>{t('name')}</span>
                  <span>{t('description')}</span>
                  <span className="text-right">{t('users')}</span>
                  <span className="sr-only">{t('actions')}</span>
                </div>
                <span className="w-20" aria-hidden />
              </div>
              <ul className="divide-y divide-line" data-testid="units-list">
                {units.map((unit) => (
                  <UnitRow
                    key={unit.id}
                    unit={{ id: unit.id, name: unit.name, description: unit.description, userCount: unit.userCount }}
                    renameAction={updateUnitAction}
                    deleteAction={deleteUnitAction}
                  />
                ))}
              </ul>
              <p className="border-t border-line bg-gray-50/60 px-4 py-2.5 text-xs text-ink-500">
                {t('count', { count: units.length })} · {t('deleteHint')}
              </p>
            </>
          )}
        </Card>
        <Card className="order-1 p-5 lg:order-2">
          <h2 className="mb-4 text-base font-semibold text-ink-900">{t('add')}</h2>
          <UnitCreateForm action={createUnitAction} />
        </Card>
      </div>
    </div>
  );
}
