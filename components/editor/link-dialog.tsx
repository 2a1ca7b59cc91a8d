import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { normalizeLinkInput } from './link-url';

export type LinkDialogProps = {
  initialHref: string;
  hasLink: boolean;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
};

// A small panel under the toolbar, not a window.prompt. No <form>: the editor
// usually sits inside the story form, and forms do not nest.
export function LinkDialog({ initialHref, hasLink, onApply, onRemove, onClose }: LinkDialogProps) {
  const t = useTranslations('editor.linkDialog');
  const [value, setValue] = useState(initialHref);
  const [invalid, setInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const apply = () => {
    const href = normalizeLinkInput(value);
    if (!href) {
      setInvalid(true);
      inputRef.current?.focus();
      return;
    }
    onApply(href);
  };

  return (
    <div role="group" aria-labelledby={`${id}-label`} className="flex flex-wrap items-start gap-2 border-t border-line bg-gray-50 px-2 py-2 sm:px-3">
      <label id={`${id}-label`} htmlFor={`${id}-input`} className="pt-1.5 text-sm text-ink-700">
        {t('label')}
      </label>
      <div className="min-w-0 flex-1 basis-48">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={t('placeholder')}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setInvalid(false);
          }}
          onKeyDown={(e) => {
            // Enter must not submit the story form around the editor.
            if (e.key === 'Enter') {
              e.preventDefault();
              apply();
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
          className={`w-full rounded-md border bg-white px-2.5 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${invalid ? 'border-red-400' : 'border-line'}`}
        />
        {invalid && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
            {t('invalid')}
          </p>
        )}
      </div>
      <div className="flex gap-1.5">
        <button type="button" onClick={apply} className="rounded-md border border-brand-600 bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t('apply')}
        </button>
        {hasLink && (
          <button type="button" onClick={onRemove} className="rounded-md border border-line bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50">
            {t('remove')}
          </button>
        )}
        <button type="button" onClick={onClose} className="rounded-md border border-line bg-white px-3 py-1.5 text-sm text-ink-700 hover:bg-gray-100">
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
