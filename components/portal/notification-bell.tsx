import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { countUnreadNotifications } from '@/lib/notifications';
import type { Viewer } from '@/lib/viewer';

export async function NotificationBell({ viewer }: { viewer: Viewer }) {
  const [t, unread] = await Promise.all([getTranslations('notifications'), countUnreadNotifications(viewer)]);
  const shown = unread > 99 ? '99+' : String(unread);
  // The name holds the count as the badge shows it, outside brackets, so
  // what is seen is what is said (a voice-control user says the number).
  const name = t('bell', { count: shown });
  return (
    <Link href="/notifications" className="relative rounded-md p-2 text-ink-700 hover:bg-gray-100" aria-label={name} title={name} data-testid="notification-bell">
      <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
      </svg>
      {unread > 0 && (
        <span className="absolute -top-0.5 -right-0.5 grid min-w-4.5 place-items-center rounded-full bg-brand-600 px-1 text-[10px] leading-4.5 font-semibold text-white" data-testid="unread-count">
          {shown}
        </span>
      )}
    </Link>
  );
}
