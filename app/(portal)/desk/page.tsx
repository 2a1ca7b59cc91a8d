import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/lib/format';
import { getSiteSettings } from '@/lib/settings';
import { listOwnStories } from '@/lib/stories';
import { storyStatus, type StoryStatus } from '@/lib/types';
import { requirePagePermission } from '../guards';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('desk'))('title') };
}

type Props = { searchParams: Promise<{ status?: string }> };

export default async function DeskPage({ searchParams }: Props) {
  const viewer = await requirePagePermission('desk:use');
  const requested = (await searchParams).status;
  const status = storyStatus.enumValues.find((s) => s === requested);
  const [t, tStatus, settings, { rows, counts }] = await Promise.all([
    getTranslations('desk'),
    getTranslations('status'),
    getSiteSettings(),
    listOwnStories(viewer, { status }),
  ]);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const shown: StoryStatus[] = storyStatus.enumValues.filter((s) => (counts[s] ?? 0) > 0);
  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro')} />
      <nav className="mb-4 flex flex-wrap gap-2 text-sm" aria-label={t('status')}>
        <Link href="/desk" className={`rounded-full border px-3 py-1 ${!status ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-line bg-white'}`}>
          {t('all')} <span className="text-ink-500">{total}</span>
        </Link>
        {shown.map((s) => (
          <Link key={s} href={`/desk?status=${s}`} className={`rounded-full border px-3 py-1 ${status === s ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-line bg-white'}`}>
            {tStatus(s)} <span className="text-ink-500">{counts[s]}</span>
          </Link>
        ))}
      </nav>
      <Card className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <table className="w-full min-w-[40rem] text-sm">
            <thead className="border-b border-line bg-gray-50 text-left text-xs text-ink-500">
              <tr>
                <th className="px-4 py-2.5 font-medium">{t('receiptNo')}</th>
                <th className="px-4 py-2.5 font-medium">{t('storyTitle')}</th>
                <th className="px-4 py-2.5 font-medium">{t('column')}</th>
                <th className="px-4 py-2.5 font-medium">{t('status')}</th>
                <th className="px-4 py-2.5 font-medium">{t('updatedAt')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((r) => (
                <tr key={r.id} className="hover:bg-gray-50">
                  <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap text-ink-700">{r.receiptNo ?? '—'}</td>
                  <td className="px-4 py-2.5">
                    <span className="font-medium">{r.title || t('untitled')}</span>
                    {r.hasNote && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">{t('hasNote')}</span>}
                  </td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-ink-700">{r.columnName ?? '—'}</td>
                  <td className="px-4 py-2.5">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-ink-500">{formatDateTime(r.updatedAt, settings.site.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
