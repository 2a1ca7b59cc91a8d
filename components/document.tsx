import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

// Only the catalog parts that client components use travel to the browser;
// server components read the whole catalog on the server.
const portalNamespaces = ['account', 'admin', 'comments', 'common', 'editor', 'errors', 'login', 'pages', 'review', 'roles', 'status', 'story'] as const;
// The public site's client components take their words as props; only the
// error boundary reads the catalog. Every byte here is in every cached page.
export const publicNamespaces = ['errors', 'pages'] as const;

// The <html> of every page. Each part of the site renders its own, because
// the language comes from different places: public pages from their address
// (so they can be rendered once and cached), the portal from the cookie.
export async function Document({ locale, namespaces = portalNamespaces, children }: { locale: string; namespaces?: readonly string[]; children: ReactNode }) {
  const messages = await getMessages();
  const clientMessages = Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]));
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
