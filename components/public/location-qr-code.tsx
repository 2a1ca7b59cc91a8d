'use client';

import { useEffect, useState } from 'react';
import { qrSvgOptions } from './qr-options';

// The QR code when the site's base URL is not configured: the cached page
// cannot know the address readers use, the browser does.
export function LocationQrCode({ path, label }: { path: string; label: string }) {
  const [svg, setSvg] = useState('');
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async (QRCode) => {
      const markup = await QRCode.toString(new URL(path, window.location.href).href, qrSvgOptions);
      if (live) setSvg(markup);
    });
    return () => {
      live = false;
    };
  }, [path]);
  return <div className="size-28" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
