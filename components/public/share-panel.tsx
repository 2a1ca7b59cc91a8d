import QRCode from 'qrcode';
import { getTranslations } from 'next-intl/server';
import { CopyLinkButton } from './copy-link-button';
import { LocationQrCode } from './location-qr-code';
import { PrintButton } from './print-button';
import { qrSvgOptions } from './qr-options';

// Share: a QR code of the article's address for WeChat (scan to open, then
// share from the phone), copy link, and print. `url` is path-only when the
// site's base URL is not configured; the browser then completes it.
export async function SharePanel({ url }: { url: string }) {
  const t = await getTranslations('public');
  const absolute = /^https?:\/\//.test(url);
  const svg = absolute ? await QRCode.toString(url, qrSvgOptions) : '';
  return (
    <section className="no-print mt-8 flex flex-wrap items-center gap-5 border-t border-line pt-5" aria-label={t('share')}>
      <figure className="w-28 shrink-0">
        {absolute ? (
          // Our own SVG, made from our own URL by the QR library.
          <div className="size-28" role="img" aria-label={t('qrAlt')} dangerouslySetInnerHTML={{ __html: svg }} />
        ) : (
          <LocationQrCode path={url} label={t('qrAlt')} />
        )}
        <figcaption className="mt-1 text-center text-xs text-ink-500">{t('qrCaption')}</figcaption>
      </figure>
      <div className="flex flex-wrap gap-2">
        <CopyLinkButton url={url} label={t('copyLink')} doneLabel={t('linkCopied')} />
        <PrintButton label={t('print')} />
      </div>
    </section>
  );
}
