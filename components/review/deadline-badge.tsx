import { useLocale, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { useDateFormat, useSiteTimeZone } from '@/lib/i18n/dates';
import { timeZoneName } from '@/lib/i18n/zone-name';
import { deadlineState } from '@/lib/review-flows/deadlines';

export type DeadlineBadgeProps = {
  dueAt: Date | null;
  dueSoonAt: Date | null;
  now: Date;
  // The queue shows the due time small under the marker (its zone in the
  // tooltip, to keep the column narrow); the review page beside it, zone named.
  layout?: 'stacked' | 'inline';
};

// A story's deadline at its stage (审稿时限): 已超时 or 即将到期 as a marker,
// and the due time in the site's zone. Nothing without a limit.
export function DeadlineBadge({ dueAt, dueSoonAt, now, layout = 'stacked' }: DeadlineBadgeProps) {
  const t = useTranslations('reviewDeadlines.badge');
  const { formatDateTime } = useDateFormat();
  const zone = timeZoneName(useSiteTimeZone(), useLocale());
  const state = deadlineState({ dueAt, dueSoonAt }, now);
  if (!state || !dueAt) return null;
  const due = t('dueAt', { at: formatDateTime(dueAt), zone });
  const stacked = layout === 'stacked';
  return (
    <span className={stacked ? 'mt-1 flex flex-col items-start gap-0.5' : 'inline-flex flex-wrap items-center gap-x-1.5'} data-deadline={state} data-testid="deadline-badge" title={stacked ? due : undefined}>
      {state !== 'on_time' && <Badge tone={state === 'overdue' ? 'red' : 'amber'}>{t(state)}</Badge>}
      <span className={`text-xs whitespace-nowrap ${state === 'overdue' ? 'text-red-700' : 'text-ink-500'}`}>{stacked ? t('dueAtShort', { at: formatDateTime(dueAt) }) : due}</span>
    </span>
  );
}
