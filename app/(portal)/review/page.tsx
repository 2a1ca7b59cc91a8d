import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/lib/format';
import { getSiteSettings } from '@/lib/settings';
import { listReviewQueue } from '@/lib/stories';
import { requirePagePermission } from '../guards';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('review'))('title') };
}

export default async function ReviewPage() {
  const viewer = await requirePagePermission('review:use');
  const [t, td, settings, rows] = await Promise.all([getTranslations('review'), getTranslations('desk'), getSiteSettings(), listReviewQueue(viewer)]);
  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro')} />
      <Card className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <table className="w-full min-w-[48rem] text-sm">
            <thead className="border-b border-line bg-gray-50 text-left text-xs text-ink-500">
              <tr>
                <th className="px-4 py-2.5 font-medium">{td('receiptNo')}</th>
                <th className="px-4 py-2.5 font-medium">{td('storyTitle')}</th>
                <th className="px-4 py-2.5 font-medium">{t('correspondent')}</th>
                <th className="px-4 py-2.5 font-medium">{t('unit')}</th>
                <th className="px-4 py-2.5 font-medium">{td('column')}</th>
                <th className="px-4 py-2.5 font-medium">{t('submittedAt')}</th>
                <th className="px-4 py-2.5 font-medium">{td('status')}</th>
                <th className="px-4 py-2.5 font-medium">{t('assignee')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((r) => (
                <tr key={r.id} className="hover:bg-gray-50">
                  <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap">{r.receiptNo}</td>
                  <td className="px-4 py-2.5 font-medium">{r.title}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap">{r.correspondent}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-ink-700">{r.unitName ?? '—'}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-ink-700">{r.columnName ?? '—'}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-ink-500">{r.submittedAt ? formatDateTime(r.submittedAt, settings.site.timeZone) : '—'}</td>
                  <td className="px-4 py-2.5">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-ink-700">{r.assigneeName ?? <span className="text-ink-300">{t('unclaimed')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
