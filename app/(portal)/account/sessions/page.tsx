import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StoryActionButton } from '@/components/desk/story-action-button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDateFormat } from '@/lib/i18n/dates';
import { getOwnSessionLimits, listOwnSessions } from '@/lib/sessions';
import { describeUserAgent } from '@/lib/sessions/user-agent';
import { requirePortalViewer } from '../../guards';
import { signOutOtherSessionsAction, signOutSessionAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('sessionsTitle') };
}

export default async function SessionsPage() {
  const viewer = await requirePortalViewer();
  const [t, { formatDateTime }, sessions, limits] = await Promise.all([getTranslations('account'), getDateFormat(), listOwnSessions(viewer), getOwnSessionLimits(viewer)]);
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t('sessionsTitle')} intro={t('sessionsIntro')} />
      <p className="mb-4 rounded-md border border-line bg-white px-4 py-3 text-sm text-ink-700" data-testid="session-limits">
        {t('sessionLimits', { idle: limits.idleMinutes, absolute: limits.absoluteHours })}
      </p>
      <Card className="divide-y divide-line">
        {sessions.map((session) => (
          <div key={session.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="session-row">
            <dl className="grid grid-cols-[5.5rem_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-ink-500">{t('sessionBrowser')}</dt>
              <dd className="font-medium text-ink-900">
                {describeUserAgent(session.userAgent) ?? t('sessionUnknownBrowser')}
                {session.current && <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-xs font-normal text-green-800">{t('sessionCurrent')}</span>}
              </dd>
              <dt className="text-ink-500">{t('sessionAddress')}</dt>
              <dd className="font-mono text-xs leading-5">{session.ip ?? '—'}</dd>
              <dt className="text-ink-500">{t('sessionSince')}</dt>
              <dd>{formatDateTime(session.createdAt)}</dd>
              <dt className="text-ink-500">{t('sessionLastSeen')}</dt>
              <dd>{formatDateTime(session.lastSeenAt)}</dd>
            </dl>
            {!session.current && (
              <StoryActionButton label={t('sessionSignOut')} pendingLabel={t('sessionSignOut')} confirm={t('sessionSignOutConfirm')} run={signOutSessionAction.bind(null, session.id)} testId="session-sign-out" />
            )}
          </div>
        ))}
      </Card>
      <div className="mt-4">
        {others.length > 0 ? (
          <StoryActionButton label={t('sessionsSignOutOthers')} pendingLabel={t('sessionsSignOutOthers')} confirm={t('sessionsSignOutOthersConfirm')} variant="danger" run={signOutOtherSessionsAction} testId="sessions-sign-out-others" />
        ) : (
          <p className="text-sm text-ink-500">{t('sessionsNone')}</p>
        )}
      </div>
    </div>
  );
}
