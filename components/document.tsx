import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

// Only the catalog parts that client components use travel to the browser;
// server components read the whole catalog on the server. An entry is a
// namespace, or one message of it ('pages.retry').
const portalMessages = ['a11y.closeDialog', 'account', 'admin', 'comments', 'common', 'editor', 'errors', 'liveArticles.review', 'liveArticles.restore', 'login', 'pages', 'review', 'reviewDeadlines.workflow', 'reviewDeadlines.assignment', 'roles', 'stats.scoring', 'status', 'story', 'textCheck', 'twoFactor'] as const;
// The public site's client components take their words as props; only the
// error boundary (components/error-status.tsx) reads the catalog. Every byte
// here is in every cached page, twice.
export const publicMessages = ['pages.errorTitle', 'pages.errorBody', 'pages.retry', 'errors.reference'] as const;

type Catalog = Record<string, unknown>;

function pick(messages: Catalog, entries: readonly string[]): Catalog {
  const picked: Record<string, Catalog> = {};
  for (const entry of entries) {
    const [ns, key] = entry.split('.', 2) as [string, string | undefined];
    const part = messages[ns] as Catalog | undefined;
    if (part === undefined) continue;
    if (key === undefined) picked[ns] = part;
    else if (key in part) picked[ns] = { ...picked[ns], [key]: part[key] };
  }
  return picked;
}

// The <html> of every page. Each part of the site renders its own, because
// the language comes from different places: public pages from their address
// (so they can be rendered once and cached), the portal from the cookie.
export async function Document({ locale, clientMessages = portalMessages, children }: { locale: string; clientMessages?: readonly string[]; children: ReactNode }) {
  const messages = pick(await getMessages(), clientMessages);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
