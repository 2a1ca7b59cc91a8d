import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { correctionsPath, localizedPath } from '@/lib/public-paths';
import type { SiteSettings } from '@/lib/settings';

// The footer as government news sites show it: every line comes from settings
// and is left out when empty.
export async function SiteFooter({ settings }: { settings: SiteSettings }) {
  const t = await getTranslations();
  const f = settings.footer;
  const policeLink = f.publicSecurityRecordCode ? `https://beian.mps.gov.cn/#/query/webSearch?code=${encodeURIComponent(f.publicSecurityRecordCode)}` : null;
  return (
    <footer className="mt-12 border-t-4 border-brand-600 bg-white text-sm text-ink-700" data-testid="site-footer">
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-8 text-center leading-relaxed">
        {(f.copyright || f.sponsor || f.operator) && (
          <p>
            {f.copyright}
            {f.sponsor && (
              <span className="ml-2 inline-block">{t('footer.sponsor', { name: f.sponsor })}</span>
            )}
            {f.operator && (
              <span className="ml-2 inline-block">{t('footer.operator', { name: f.operator })}</span>
            )}
          </p>
        )}
        {(f.publicSecurityRecord || f.icpRecord || f.phone) && (
          <p className="space-x-3">
            {f.publicSecurityRecord &&
              (policeLink ? (
                <a href={policeLink} target="_blank" rel="noopener noreferrer" className="inline-block hover:text-brand-700">
                  {f.publicSecurityRecord}
                </a>
              ) : (
                <span className="inline-block">{f.publicSecurityRecord}</span>
              ))}
            {f.icpRecord && (
              <a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer" className="inline-block hover:text-brand-700">
                {f.icpRecord}
              </a>
            )}
            {f.phone && (
              <span className="inline-block">
                {t('footer.phone')} <span className="whitespace-nowrap">{f.phone}</span>
              </span>
            )}
          </p>
        )}
        {(f.extortionHotline || f.copyrightNotice) && (
          <p>
            {f.extortionHotline && (
              <span className="mr-2 inline-block">
                {f.extortionHotlineLabel || t('footer.hotline')}: <span className="whitespace-nowrap">{f.extortionHotline}</span>
              </span>
            )}
            {f.copyrightNotice && <span className="inline-block">{f.copyrightNotice}</span>}
          </p>
        )}
        <p className="no-print pt-2">
          <Link href="/login" className="font-medium text-brand-700 hover:underline">
            {t('public.submit')}
          </Link>
          <span className="ml-2 text-ink-500">{f.submissionNote || t('public.submitNote')}</span>
          {/* 更正说明, while the site lists them (docs/live-articles.md). */}
          {settings.site.publicCorrections && (
            <Link href={localizedPath(await getLocale(), correctionsPath())} className="ml-4 inline-block text-brand-700 hover:underline" data-testid="footer-corrections">
              {t('liveArticles.public.correctionsTitle')}
            </Link>
          )}
        </p>
      </div>
    </footer>
  );
}
