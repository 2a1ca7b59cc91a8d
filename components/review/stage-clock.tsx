import { useLocale, useTranslations } from 'next-intl';
import { useDateFormat, useSiteTimeZone } from '@/lib/i18n/dates';
import { timeZoneName } from '@/lib/i18n/zone-name';
import type { ActionState } from '@/lib/action-result';
import type { StageClock } from '@/lib/stories';
import { toZonedInputValue } from '@/lib/zoned-time';
import { AssignForm } from './assign-form';
import { DeadlineBadge } from './deadline-badge';

export type StageClockPanelProps = {
  clock: StageClock;
  now: Date;
  assign: (state: ActionState, formData: FormData) => Promise<ActionState>;
  unassign: () => Promise<ActionState>;
};

// The review page's card for the story's stay at its stage: since when, its
// time limit and due time, whom it is assigned to and until when, and, for
// the stage's supervisor and reviewers, assigning it.
export function StageClockPanel({ clock, now, assign, unassign }: StageClockPanelProps) {
  const t = useTranslations('reviewDeadlines.panel');
  const { formatDateTime } = useDateFormat();
  const timeZone = useSiteTimeZone();
  const zone = timeZoneName(timeZone, useLocale());
  return (
    <section className="rounded-lg border border-line bg-white p-4 text-sm" data-testid="stage-clock">
      <h2 className="mb-2 text-sm font-semibold">{t('title', { stage: clock.stageName })}</h2>
      <dl className="grid grid-cols-[5.5rem_1fr] gap-y-1.5">
        <dt className="text-ink-500">{t('entered')}</dt>
        <dd>{formatDateTime(clock.enteredAt)}</dd>
        <dt className="text-ink-500">{t('limit')}</dt>
        <dd>{clock.limitHours === null ? t('noLimit') : t('limitHours', { hours: clock.limitHours })}</dd>
        {clock.dueAt && (
          <>
            <dt className="text-ink-500">{t('due')}</dt>
            <dd>
              <DeadlineBadge dueAt={clock.dueAt} dueSoonAt={clock.dueSoonAt} now={now} layout="inline" />
            </dd>
          </>
        )}
        <dt className="text-ink-500">{t('assignee')}</dt>
        <dd data-testid="stage-assignee">
          {clock.assignee ? (
            <>
              <span className="font-medium">{clock.assignee.displayName}</span>
              {clock.assignmentDueAt && <span className="block text-xs text-ink-700">{t('assignedUntil', { at: formatDateTime(clock.assignmentDueAt), zone })}</span>}
              {clock.assignedByName && clock.assignedAt && <span className="block text-xs text-ink-500">{t('assignedBy', { name: clock.assignedByName, at: formatDateTime(clock.assignedAt) })}</span>}
            </>
          ) : (
            <span className="text-ink-500">{t('nobody')}</span>
          )}
        </dd>
      </dl>
      {clock.mayAssign && (
        <div className="mt-3 border-t border-line pt-3">
          <AssignForm
            assign={assign}
            unassign={unassign}
            colleagues={clock.colleagues}
            current={{ assigneeId: clock.assignee?.id ?? null, dueAt: clock.assignmentDueAt ? toZonedInputValue(clock.assignmentDueAt, timeZone) : '' }}
            dueLabel={t('assignDue', { zone })}
          />
        </div>
      )}
    </section>
  );
}
