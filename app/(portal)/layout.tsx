import type { ReactNode } from 'react';
import { PortalShell } from '@/components/portal/portal-shell';
import { getViewer } from '@/lib/session';
import { getSiteSettings } from '@/lib/settings';

// Pages below each check the viewer themselves; the shell only needs a name.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [viewer, settings] = await Promise.all([getViewer(), getSiteSettings()]);
  return (
    <PortalShell viewer={viewer} siteName={settings.site.name}>
      {children}
    </PortalShell>
  );
}
