import { getLocale, getTranslations } from 'next-intl/server';

// A plain form, so the switch works before any script has loaded. Its name is
// its visible text (what a voice-control user says); the title only explains it.
// setLocale is a server action (the page re-renders in place, keeping what
// is typed), or the address of a handler the form posts to, with the page
// to come back to.
export type LanguageSwitchProps = { className?: string; setLocale: ((formData: FormData) => Promise<void>) | { url: string; back: string } };

export async function LanguageSwitch({ className = '', setLocale }: LanguageSwitchProps) {
  const locale = await getLocale();
  const t = await getTranslations('language');
  const target = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <form {...(typeof setLocale === 'function' ? { action: setLocale } : { action: setLocale.url, method: 'post' })} className={className}>
      <input type="hidden" name="locale" value={target} />
      {typeof setLocale !== 'function' && <input type="hidden" name="back" value={setLocale.back} />}
      <button type="submit" lang={target === 'en' ? 'en' : 'zh-CN'} title={t('switchToLabel')} className="rounded px-2 py-1 text-sm underline-offset-2 hover:underline" data-testid="language-switch">
        {t('switchTo')}
      </button>
    </form>
  );
}
