import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { localizedPath } from '@/lib/public-paths';
import { LanguageSwitch } from '@/components/language-switch';
import { getViewer } from '@/lib/session';
import { getSiteSettings } from '@/lib/settings';
import { LoginForm } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  const [t, { site }] = await Promise.all([getTranslations('login'), getSiteSettings()]);
  return { title: t('title'), description: t('description', { site: site.name }) };
}

type Props = { searchParams: Promise<{ next?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  if (await getViewer()) redirect('/portal');
  const [t, locale, settings, { next }] = await Promise.all([getTranslations('login'), getLocale(), getSiteSettings(), searchParams]);
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-700 via-brand-700 to-paper to-60%">
      <div className="flex justify-end p-3 text-white">
        <LanguageSwitch setLocale={{ url: '/login/language', back: next ? `/login?${new URLSearchParams({ next })}` : '/login' }} />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pt-4 pb-16 sm:pt-12">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center text-white">
            <p className="text-2xl font-bold tracking-wide" style={{ fontFamily: 'var(--font-serif)' }}>
              {settings.site.name}
            </p>
          </div>
          <div className="rounded-xl border border-line bg-white p-6 shadow-lg sm:p-8">
            <h1 className="text-lg font-semibold">{t('title')}</h1>
            <LoginForm next={next} />
            <p className="mt-5 text-xs leading-relaxed text-ink-500">{t('noAccount')}</p>
          </div>
          <p className="mt-6 text-center text-sm">
            <Link href={localizedPath(locale, '/')} className="text-ink-700 hover:text-brand-700 hover:underline">
              ← {t('backToSite')}
            </Link>
          </p>
        </div>
      </main>
    </div>
  );
}
