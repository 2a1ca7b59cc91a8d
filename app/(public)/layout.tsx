import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/public/site-footer';
import { SiteHeader } from '@/components/public/site-header';
import { listNavColumns } from '@/lib/public-stories';
import { getSiteSettings } from '@/lib/settings';

export default async function PublicLayout({ children }: { children: ReactNode }) {
  const [settings, columns] = await Promise.all([getSiteSettings(), listNavColumns()]);
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader siteName={settings.site.name} columns={columns} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
      <SiteFooter settings={settings} />
    </div>
  );
}
