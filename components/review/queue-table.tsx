import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { DataTable, type DataColumn } from '@/components/ui/data-table';
import { StatusBadge } from '@/components/ui/status-badge';
import { AssigneeBadge } from './assignee-badge';
import { DeadlineBadge } from './deadline-badge';
import { DuplicateMarker } from './duplicate-marker';
import { useDateFormat } from '@/lib/i18n/dates';
import type { QueueRow, ReviewTab } from '@/lib/review-queue';

export type QueueTableProps = { rows: QueueRow[]; tab: ReviewTab; viewerId: number };

// The time that matters on each tab.
function rowTime(tab: ReviewTab, r: QueueRow): Date | null {
  if (tab === 'scheduled') return r.publishAt;
  if (tab === 'published') return r.publishedAt;
  if (tab === 'queue') return r.submittedAt;
  return r.updatedAt;
}

// The review queue's rows: a table on a desk, a card a story on a phone. A
// marker for a row (a badge by the title) is added once, in its column here.
export function QueueTable({ rows, tab, viewerId }: QueueTableProps) {
  const t = useTranslations('review');
  const format = useFormatter();
  const { formatDateTime } = useDateFormat();
  const now = new Date();
  const columns: DataColumn<QueueRow>[] = [
    { key: 'receiptNo', label: t('receiptNo'), className: 'font-mono text-xs whitespace-nowrap text-ink-700', cell: (r) => r.receiptNo },
    {
      key: 'title',
      label: t('storyTitle'),
      card: 'title',
      className: 'lg:max-w-[24rem]',
      cell: (r) => (
        <>
          <Link href={`/review/${r.id}`} data-queue-row className="line-clamp-2 font-medium break-words hover:text-brand-700 hover:underline focus:outline-2 focus:outline-brand-600">
            {r.title || t('untitled')}
          </Link>
          <DuplicateMarker similarity={r.similarity} />
        </>
      ),
    },
    { key: 'correspondent', label: t('correspondent'), className: 'lg:whitespace-nowrap', cell: (r) => r.correspondent },
    { key: 'unit', label: t('unit'), className: 'text-ink-700 lg:whitespace-nowrap', cell: (r) => r.unitName ?? '—' },
    { key: 'column', label: t('column'), className: 'text-ink-700 lg:whitespace-nowrap', cell: (r) => r.columnName ?? '—' },
    {
      key: 'time',
      label: t(`timeHeading.${tab}`),
      className: 'whitespace-nowrap',
      cell: (r) => {
        const at = rowTime(tab, r);
        if (!at) return '—';
        return (
          <>
            <span className="text-ink-700">{formatDateTime(at)}</span>
            <span className="ml-1 text-ink-500 lg:ml-0 lg:block lg:text-xs">{format.relativeTime(at, now)}</span>
          </>
        );
      },
    },
    {
      key: 'status',
      label: t('status'),
      card: 'aside',
      cell: (r) => (
        <>
          <StatusBadge status={r.status} />
          <DeadlineBadge dueAt={r.dueAt} dueSoonAt={r.dueSoonAt} now={now} />
          <AssigneeBadge assignedToId={r.assignedToId} assignedToName={r.assignedToName} assignmentDueAt={r.assignmentDueAt} viewerId={viewerId} now={now} />
        </>
      ),
    },
    tab === 'published'
      ? { key: 'views', label: t('views'), className: 'tabular-nums text-ink-700', cell: (r) => r.viewCount }
      : { key: 'assignee', label: t('assignee'), className: 'text-ink-700 lg:whitespace-nowrap', cell: (r) => r.assigneeName ?? <span className="text-ink-500">{t('unclaimed')}</span> },
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ className: r.assigneeId === viewerId && r.status === 'in_review' ? 'bg-violet-50/40' : '' })}
      wideFrom="lg"
      testId="review-table"
    />
  );
}
