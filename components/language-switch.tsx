import { getLocale, getTranslations } from 'next-intl/server';

// A plain form, so the switch works before any script has loaded.
export type LanguageSwitchProps = { className?: string; setLocale: (formData: FormData) => Promise<void> };

export async function LanguageSwitch({ className = '', setLocale }: LanguageSwitchProps) {
  const locale = await getLocale();
  const t = await getTranslations('language');
  const target = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <form action={setLocale} className={className}>
      <input type="hidden" name="locale" value={target} />
      <button type="submit" lang={target === 'en' ? 'en' : 'zh-CN'} aria-label={t('switchToLabel')} title={t('switchToLabel')} className="rounded px-2 py-1 text-sm underline-offset-2 hover:underline" data-testid="language-switch">
        {t('switchTo')}
      </button>
    </form>
  );
}
