'use client';

import { useState } from 'react';

export function CopyLinkButton({ url, label, doneLabel }: { url: string; label: string; doneLabel: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="rounded-md border border-line bg-white px-3 py-1.5 text-sm text-ink-700 hover:bg-gray-50"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(url);
        } catch {
          // No clipboard permission (old browsers, plain HTTP): select-and-copy fallback.
          window.prompt(label, url);
        }
        setDone(true);
        window.setTimeout(() => setDone(false), 2000);
      }}
    >
      <span aria-live="polite">{done ? doneLabel : label}</span>
    </button>
  );
}
