import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { getSiteSettings } from '@/lib/settings';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const name = await getSiteSettings()
    .then((s) => s.site.name)
    .catch(() => '投稿平台');
  return { title: { default: name, template: `%s · ${name}` } };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#b3261e' };

// Reads nothing of the request: the public pages below must stay cacheable.
// The <html> comes from each part's layout (components/document.tsx).
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
