import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ColumnCreateForm } from '@/components/admin/column-create-form';
import { columnGridClass, columnOrderClass } from '@/components/admin/column-grid';
import { ColumnRow } from '@/components/admin/column-row';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listColumnsForAdmin } from '@/lib/columns';
import { columnPath } from '@/lib/public-paths';
import { requirePagePermission } from '../../guards';
import { createColumnAction, deleteColumnAction, moveColumnAction, setColumnHiddenAction, updateColumnAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.columns'))('title') };
}

export default async function ColumnsPage() {
  const viewer = await requirePagePermission('columns:manage');
  const [t, columns] = await Promise.all([getTranslations('admin.columns'), listColumnsForAdmin(viewer)]);
  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="order-2 overflow-hidden lg:order-1">
          {columns.length === 0 ? (
            <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
          ) : (
            <>
              <div className="hidden gap-3 border-b border-line bg-gray-50 px-4 py-2.5 text-xs font-medium text-ink-500 md:flex">
                <span className={columnOrderClass}>{t('order')}</span>
                <div className={`grid flex-1 gap-3 ${columnGridClass}`}>
                  <span>{t('name')}</span>
                  <span>{t('slug')}</span>
                  <span>{t('description')}</span>
                  <span className="sr-only">{t('actions')}</span>
                </div>
              </div>
              <ul className="divide-y divide-line" data-testid="columns-list">
                {columns.map((column, index) => (
                  <ColumnRow
                    key={column.id}
                    column={{
                      id: column.id,
                      name: column.name,
                      slug: column.slug,
                      description: column.description,
                      isActive: column.isActive,
                      storyCount: column.storyCount,
                      publishedCount: column.publishedCount,
                    }}
                    publicPath={columnPath(column.slug)}
                    isFirst={index === 0}
                    isLast={index === columns.length - 1}
                    updateAction={updateColumnAction}
                    moveAction={moveColumnAction}
                    setHiddenAction={setColumnHiddenAction}
                    deleteAction={deleteColumnAction}
                  />
                ))}
              </ul>
              <p className="border-t border-line bg-gray-50/60 px-4 py-2.5 text-xs text-ink-500">
                {t('count', { count: columns.length })} · {t('deleteHint')}
              </p>
            </>
          )}
        </Card>
        <Card className="order-1 p-5 lg:order-2">
          <h2 className="mb-4 text-base font-semibold text-ink-900">{t('add')}</h2>
          <ColumnCreateForm action={createColumnAction} />
        </Card>
      </div>
    </div>
  );
}
