'use client';

import { usePathname } from 'next/navigation';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import { otherLanguagePath } from '@/lib/public-paths';

// The public site's language switch: a link to the same page at the other
// language's address (public pages are cached per address, so the language
// cannot come from a cookie there). It also sets the cookie, so the login
// page and the portal follow the reader's choice.
export function LanguageLink({ label, title }: { label: string; title: string }) {
  const pathname = usePathname();
  const target = otherLanguagePath(pathname);
  return (
    <a
      href={target.path}
      hrefLang={target.locale}
      lang={target.locale}
      title={title}
      data-testid="language-switch"
      className="rounded px-1.5 py-1 text-sm whitespace-nowrap underline-offset-2 hover:underline sm:px-2"
      onClick={(event) => {
        document.cookie = `${LOCALE_COOKIE}=${target.locale}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
        // Keep the query (a search) when switching.
        event.currentTarget.href = target.path + window.location.search;
      }}
    >
      {label}
    </a>
  );
}
