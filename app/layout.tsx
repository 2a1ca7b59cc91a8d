import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
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

// Only the catalog parts that client components use travel to the browser;
// server components read the whole catalog on the server.
const clientNamespaces = ['account', 'admin', 'comments', 'common', 'editor', 'errors', 'login', 'pages', 'review', 'roles', 'status', 'story'] as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  const clientMessages = Object.fromEntries(clientNamespaces.map((ns) => [ns, messages[ns]]));
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
