import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { seoSite } from '@/lib/seo';
import { getSiteSettings } from '@/lib/settings';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteSettings()
    .then((s) => seoSite(s.site))
    .catch(() => ({ name: '投稿平台', origin: '' }));
  // Without a public address no metadata URL is relative (lib/seo), so Next
  // has nothing to resolve against a guessed localhost.
  return {
    title: { default: site.name, template: `%s · ${site.name}` },
    metadataBase: site.origin ? new URL(site.origin) : null,
    icons: { icon: { url: '/icon.svg', type: 'image/svg+xml', sizes: 'any' } },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#b3261e' };

// Reads nothing of the request: the public pages below must stay cacheable.
// The <html> comes from each part's layout (components/document.tsx).
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
