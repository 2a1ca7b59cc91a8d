import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { useDateFormat } from '@/lib/i18n/dates';

export type AssigneeBadgeProps = {
  assignedToId: number | null;
  assignedToName: string | null;
  assignmentDueAt: Date | null;
  viewerId: number;
  now: Date;
  layout?: 'stacked' | 'inline';
};

// Whom a story is assigned to at its stage (指派): "指派给我" for the viewer,
// else the colleague's name, and until when.
export function AssigneeBadge({ assignedToId, assignedToName, assignmentDueAt, viewerId, now, layout = 'stacked' }: AssigneeBadgeProps) {
  const t = useTranslations('reviewDeadlines.assignment');
  const { formatDateTime } = useDateFormat();
  if (assignedToId === null) return null;
  const mine = assignedToId === viewerId;
  const late = assignmentDueAt !== null && assignmentDueAt.getTime() <= now.getTime();
  return (
    <span
      className={layout === 'stacked' ? 'mt-1 flex flex-col items-start gap-0.5' : 'inline-flex flex-wrap items-center gap-x-1.5'}
      data-testid="assignee-badge"
      data-assigned-to-me={mine ? 'true' : undefined}
    >
      <Badge tone={mine ? 'violet' : 'gray'}>{mine ? t('toMe') : t('to', { name: assignedToName ?? `#${assignedToId}` })}</Badge>
      {assignmentDueAt && <span className={`text-xs whitespace-nowrap ${late ? 'text-red-700' : 'text-ink-500'}`}>{t('until', { at: formatDateTime(assignmentDueAt) })}</span>}
    </span>
  );
}
