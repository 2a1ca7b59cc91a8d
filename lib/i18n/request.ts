import { getRequestConfig } from 'next-intl/server';
import { cookies } from 'next/headers';
import { getSiteSettings } from '../settings';
import { isLocale, LOCALE_COOKIE, resolveLocale } from './locales';

export default getRequestConfig(async ({ requestLocale }) => {
  // Public pages name their language in the address ([locale], passed on by
  // setRequestLocale) and never read the cookie, so they can be cached; the
  // portal's comes from the cookie.
  const fromAddress = await requestLocale;
  const locale = isLocale(fromAddress) ? fromAddress : resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  // Dates are shown in the site's time zone, whatever the reader's machine says.
  const timeZone = await getSiteSettings()
    .then((s) => s.site.timeZone)
    .catch(() => 'Asia/Shanghai');
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone, now: new Date() };
});
