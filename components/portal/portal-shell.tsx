import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/language-switch';
import { MAIN_ID, SkipLink } from '@/components/ui/skip-link';
import { can } from '@/lib/authz';
import { navSectionsFor } from '@/lib/portal-sections';
import { pendingAccountStep, type Viewer } from '@/lib/viewer';
import { NotificationBell } from './notification-bell';
import { PortalNavLinks, type NavItem } from './portal-nav-links';

export type PortalShellProps = {
  viewer: Viewer | null;
  siteName: string;
  // No public address configured: feeds, sitemaps and share links cannot be
  // absolute. Administrators are told until they set it.
  publicAddressMissing?: boolean;
  // The shell's own forms, handed down by the layout (components never import app/).
  actions: { logout: () => Promise<void>; setLocale: (formData: FormData) => Promise<void> };
  children: ReactNode;
};

function navFor(viewer: Viewer, t: (key: string) => string): NavItem[] {
  if (pendingAccountStep(viewer)) return [];
  return navSectionsFor(viewer).map((section) => ({ href: section.href, label: t(`nav.${section.label}`) }));
}

export async function PortalShell({ viewer, siteName, publicAddressMissing = false, actions, children }: PortalShellProps) {
  const t = await getTranslations('portal');
  const tRoles = await getTranslations('roles');
  const tMeta = await getTranslations('meta');
  const tA11y = await getTranslations('a11y');
  const items = viewer ? navFor(viewer, t) : [];
  // Until the first password is changed, or a required second factor set up,
  // the menu offers that page and signing out, nothing else.
  const step = viewer ? pendingAccountStep(viewer) : null;
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink label={tA11y('skipToContent')} />
      <header className="border-b border-line bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-2.5">
          <Link href={viewer ? '/portal' : '/'} className="flex shrink-0 items-center gap-2">
            <span aria-hidden className="grid size-8 place-items-center rounded bg-brand-600 text-sm font-bold text-white">
              {siteName.slice(0, 1)}
            </span>
            <span className="leading-tight">
              <span className="block text-sm font-semibold">{siteName}</span>
              <span className="block text-xs text-ink-500">{tMeta('portalTitle')}</span>
            </span>
          </Link>
          <div className="hidden min-w-0 flex-1 md:block">
            <PortalNavLinks items={items} label={tA11y('portalNav')} />
          </div>
          <div className="ml-auto flex items-center gap-1 md:ml-0">
            <LanguageSwitch className="text-ink-700" setLocale={actions.setLocale} />
            {viewer && !step && <NotificationBell viewer={viewer} />}
            {viewer && (
              <details className="group relative">
                <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-gray-100" data-testid="user-menu">
                  <span aria-hidden className="grid size-7 place-items-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700">
                    {viewer.displayName.slice(0, 1)}
                  </span>
                  {/* On a phone only the initial shows; the menu is still named after its owner. */}
                  <span className="sr-only sm:not-sr-only sm:inline sm:max-w-[10rem] sm:truncate">{t('signedInAs', { name: viewer.displayName, role: tRoles(viewer.role) })}</span>
                  <span aria-hidden className="text-ink-500">▾</span>
                </summary>
                <div className="absolute right-0 z-20 mt-1 w-52 rounded-md border border-line bg-white py-1 text-sm shadow-lg">
                  <p className="border-b border-line px-3 py-2 text-xs text-ink-500 sm:hidden">{t('signedInAs', { name: viewer.displayName, role: tRoles(viewer.role) })}</p>
                  {!step && (
                    <Link href="/account/profile" className="block px-3 py-2 hover:bg-gray-50">
                      {t('profile')}
                    </Link>
                  )}
                  {step !== 'two-factor' && (
                    <Link href="/account/password" className="block px-3 py-2 hover:bg-gray-50">
                      {t('password')}
                    </Link>
                  )}
                  {step !== 'password' && (
                    <Link href="/account/two-factor" className="block px-3 py-2 hover:bg-gray-50">
                      {t('twoFactor')}
                    </Link>
                  )}
                  {!step && (
                    <Link href="/account/sessions" className="block px-3 py-2 hover:bg-gray-50">
                      {t('sessions')}
                    </Link>
                  )}
                  <Link href="/" className="block px-3 py-2 hover:bg-gray-50">
                    {t('nav.site')}
                  </Link>
                  <form action={actions.logout} className="border-t border-line">
                    <button type="submit" className="block w-full px-3 py-2 text-left text-red-700 hover:bg-red-50" data-testid="logout">
                      {t('logout')}
                    </button>
                  </form>
                </div>
              </details>
            )}
          </div>
        </div>
        {items.length > 0 && (
          <div className="border-t border-line md:hidden">
            <div className="mx-auto max-w-7xl px-2 py-1">
              <PortalNavLinks items={items} label={tA11y('portalNav')} />
            </div>
          </div>
        )}
      </header>
      {publicAddressMissing && viewer && can(viewer, 'settings:manage') && (
        <div className="border-b border-amber-300 bg-amber-50 print:hidden" role="alert" data-testid="public-address-missing">
          <p className="mx-auto max-w-7xl px-4 py-2.5 text-sm text-amber-900">
            {t('publicAddressMissing')}{' '}
            <Link href="/admin/settings#baseUrl" className="font-medium underline underline-offset-2 hover:text-amber-700">
              {t('publicAddressSet')}
            </Link>
          </p>
        </div>
      )}
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none sm:py-8 print:max-w-none print:p-0">{children}</main>
    </div>
  );
}
