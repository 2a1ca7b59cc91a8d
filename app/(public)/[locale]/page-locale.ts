import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { isLocale, type Locale } from '@/lib/i18n/locales';

// The language of a public page, from its address. Every page, layout and
// generateMetadata below [locale] calls this first: next-intl then reads the
// language from here instead of the cookie, which keeps the page cacheable.
export async function pageLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return locale;
}
