import { useTimeZone } from 'next-intl';
import { getTimeZone } from 'next-intl/server';
import { formatDate, formatDateTime } from '../format';

// Dates on screen are printed in the zone next-intl was configured with for
// the request (the site's, see ./request.ts); the layouts' provider hands the
// same zone to client components, so no page passes it down.

export type DateFormat = {
  formatDateTime: (date: Date) => string;
  formatDate: (date: Date) => string;
};

function dateFormatIn(timeZone: string): DateFormat {
  return { formatDateTime: (date) => formatDateTime(date, timeZone), formatDate: (date) => formatDate(date, timeZone) };
}

// The request config always sets a zone; without one the component is outside
// the provider, and guessing the machine's zone would print wrong dates quietly.
export function useSiteTimeZone(): string {
  const timeZone = useTimeZone();
  if (!timeZone) throw new Error('No time zone from next-intl: render inside NextIntlClientProvider.');
  return timeZone;
}

// For client components and synchronous server components.
export function useDateFormat(): DateFormat {
  return dateFormatIn(useSiteTimeZone());
}

// For async server components, which cannot call hooks.
export async function getDateFormat(): Promise<DateFormat> {
  return dateFormatIn(await getTimeZone());
}
