import { getLocale } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { logout } from './actions';
import { Document } from '@/components/document';
import { setLocale } from '@/app/locale-actions';
import { PortalShell } from '@/components/portal/portal-shell';
import { resolveSiteOrigin } from '@/lib/seo';
import { getViewer } from '@/lib/session';
import { getSiteSettings } from '@/lib/settings';

// Pages below each check the viewer themselves; the shell only needs a name.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  // Per request: the session and the language cookie decide what it shows.
  await connection();
  const [locale, viewer, settings] = await Promise.all([getLocale(), getViewer(), getSiteSettings()]);
  return (
    <Document locale={locale}>
      <PortalShell viewer={viewer} siteName={settings.site.name} publicAddressMissing={!resolveSiteOrigin(settings.site.baseUrl)} actions={{ logout, setLocale }}>
        {children}
      </PortalShell>
    </Document>
  );
}
