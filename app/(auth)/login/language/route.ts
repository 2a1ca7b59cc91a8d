// The sign-in page's language switch: a plain form posts here, so the page
// works before any script has loaded and its forms carry a real address
// (a server action's form has action="", which HTML does not allow).
import { cookies } from 'next/headers';
import { z } from 'zod';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/locales';

// Back to the sign-in page only, with its ?next= kept: never another site.
const input = z.object({
  locale: z.string().refine(isLocale),
  back: z
    .string()
    .regex(/^\/login(\?[^#]*)?$/)
    .catch('/login'),
});

export async function POST(request: Request): Promise<Response> {
  const parsed = input.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
  if (parsed.success) {
    (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
  }
  // 303: the browser follows with a GET of the page, in the chosen language.
  return new Response(null, { status: 303, headers: { Location: parsed.success ? parsed.data.back : '/login', 'Cache-Control': 'no-store' } });
}
