'use server';

import { cookies } from 'next/headers';
import { refresh } from 'next/cache';
import { formArgument } from '@/lib/action-result';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';

// Remembers the chosen language for a year; anyone may call it, so it only
// sets the cookie and re-renders the page the user is on: no cached page is
// invalidated (the public site's languages are addresses, /en/…).
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formArgument(formData).get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
  refresh();
}
