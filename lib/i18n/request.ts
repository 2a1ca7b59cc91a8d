import { getRequestConfig } from 'next-intl/server';
import { cookies } from 'next/headers';
import { getSiteSettings } from '../settings';
import { LOCALE_COOKIE, resolveLocale } from './locales';

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  // Dates are shown in the site's time zone, whatever the reader's machine says.
  const timeZone = await getSiteSettings()
    .then((s) => s.site.timeZone)
    .catch(() => 'Asia/Shanghai');
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone, now: new Date() };
});
