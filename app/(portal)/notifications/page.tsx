import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SubmitButton } from '@/components/ui/submit-button';
import { getDateFormat } from '@/lib/i18n/dates';
import { listNotifications } from '@/lib/notifications';
import { requirePortalViewer } from '../guards';
import { markAllReadAction, openNotificationAction } from './actions';
import { storyPathFor } from '@/lib/authz';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications'))('title') };
}

export default async function NotificationsPage() {
  const viewer = await requirePortalViewer();
  const [t, { formatDateTime }, items] = await Promise.all([getTranslations('notifications'), getDateFormat(), listNotifications(viewer, 100)]);
  const storyHref = (id: number) => storyPathFor(viewer, id);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('title')}
        actions={
          items.some((n) => !n.readAt) ? (
            <form action={markAllReadAction}>
              <SubmitButton variant="secondary">{t('markAllRead')}</SubmitButton>
            </form>
          ) : null
        }
      />
      <Card>
        {items.length === 0 ? (
          <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="notification-list">
            {items.map((n) => {
              const title = n.storyTitle || String(n.payload.title ?? '');
              const text = t.has(`kinds.${n.kind}`) ? t(`kinds.${n.kind}`, { title, stageName: String(n.payload.stageName ?? '') }) : title;
              return (
                <li key={n.id} className={`flex items-start gap-3 px-4 py-3 text-sm ${n.readAt ? '' : 'bg-brand-50/40'}`}>
                  <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.readAt ? 'bg-transparent' : 'bg-brand-600'}`} />
                  <div className="min-w-0 flex-1">
                    {n.storyId ? (
                      // A form, not a link: opening it marks it read first.
                      <form action={openNotificationAction.bind(null, n.id)}>
                        <button type="submit" className="text-left hover:text-brand-700 hover:underline" data-testid="open-notification" data-href={storyHref(n.storyId)}>
                          {text}
                        </button>
                      </form>
                    ) : (
                      text
                    )}
                    {!n.readAt && <span className="sr-only"> ({t('unread')})</span>}
                    <p className="text-xs text-ink-500">{formatDateTime(n.createdAt)}</p>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
