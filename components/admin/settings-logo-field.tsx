'use client';

import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { ACCEPTED_IMAGE_TYPES, uploadImage } from '@/components/editor/upload-image';
import { buttonClass } from '@/components/ui/button';

export type SettingsLogoFieldProps = { name: string; label: string; hint?: string; error?: string; initialId: string; siteName: string };

// The logo is uploaded as soon as it is chosen (through the same image route
// as the story editor) and takes effect when the site group is saved: the
// form sends only its media id.
export function SettingsLogoField({ name, label, hint, error, initialId, siteName }: SettingsLogoFieldProps) {
  const t = useTranslations('admin.settings.site');
  const [id, setId] = useState(initialId);
  const [isUploading, setIsUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const shownError = uploadError ?? error;

  async function onFile(file: File | undefined) {
    if (!file) return;
    setIsUploading(true);
    setUploadError(null);
    const outcome = await uploadImage(file, file.name);
    setIsUploading(false);
    if (fileInput.current) fileInput.current.value = '';
    if (outcome.ok) setId(String(outcome.image.id));
    else setUploadError(outcome.message ?? t('logoUploadFailed'));
  }

  return (
    <div className="space-y-1.5">
      <span id={`${name}-label`} className="block text-sm font-medium text-ink-700">
        {label}
      </span>
      <input type="hidden" name={name} value={id} />
      <div className="flex flex-wrap items-center gap-3 rounded-md border border-line bg-gray-50 p-3">
        {/* How the header shows it: on the brand colour, at header height. */}
        <div className="flex h-14 min-w-28 items-center justify-center rounded bg-brand-700 px-3" data-testid="logo-preview">
          {id ? (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded image served by our media route, already resized
            <img src={`/media/${id}/medium`} alt={t('logoAlt')} className="h-10 w-auto max-w-48 object-contain" />
          ) : (
            <span aria-hidden className="grid size-10 place-items-center rounded-full border-2 border-white/80 text-lg font-bold text-white">
              {siteName.slice(0, 1)}
            </span>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label className={buttonClass('secondary', `cursor-pointer ${isUploading ? 'pointer-events-none opacity-60' : ''}`)}>
            {isUploading ? t('logoUploading') : id ? t('logoReplace') : t('logoUpload')}
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPTED_IMAGE_TYPES.join(',')}
              className="sr-only"
              aria-labelledby={`${name}-label`}
              disabled={isUploading}
              onChange={(event) => void onFile(event.target.files?.[0])}
              data-testid="logo-file"
            />
          </label>
          {id && (
            <button
              type="button"
              className={buttonClass('ghost')}
              onClick={() => {
                setId('');
                setUploadError(null);
              }}
            >
              {t('logoRemove')}
            </button>
          )}
          {!id && <span className="text-xs text-ink-500">{t('logoNone')}</span>}
        </div>
      </div>
      {shownError ? (
        <p id={`${name}-error`} className="text-sm text-red-700" role="alert">
          {shownError}
        </p>
      ) : hint ? (
        <p className="text-xs text-ink-500">{hint}</p>
      ) : null}
    </div>
  );
}
