'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';

export type DocxImportButtonProps = {
  storyId: number | null;
  onImported: (html: string, title: string | null) => void;
  onError: (message: string) => void;
};

// Sends a .docx to the server, which converts it (images become our uploads)
// and returns sanitized HTML for the editor.
export function DocxImportButton({ storyId, onImported, onError }: DocxImportButtonProps) {
  const t = useTranslations('story');
  const tErrors = useTranslations('errors');
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const body = new FormData();
      body.set('file', file);
      if (storyId) body.set('storyId', String(storyId));
      const res = await fetch('/api/import/docx', { method: 'POST', body });
      const data = (await res.json().catch(() => null)) as { html?: string; title?: string | null; error?: string } | null;
      if (!res.ok || !data?.html) onError(data?.error ?? tErrors('unexpected'));
      else onImported(data.html, data.title ?? null);
    } catch {
      onError(tErrors('unavailable'));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <label className={buttonClass('secondary', 'cursor-pointer px-2.5 py-1 text-xs')}>
      {busy ? t('importing') : t('importDocx')}
      <input
        ref={input}
        type="file"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        className="sr-only"
        disabled={busy}
        data-testid="docx-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
    </label>
  );
}
