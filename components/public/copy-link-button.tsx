'use client';

import { useState } from 'react';

export function CopyLinkButton({ url, label, doneLabel }: { url: string; label: string; doneLabel: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="rounded-md border border-line bg-white px-3 py-1.5 text-sm text-ink-700 hover:bg-gray-50"
      onClick={async () => {
        // Path-only when the site's base URL is not configured.
        const full = new URL(url, window.location.href).href;
        try {
          await navigator.clipboard.writeText(full);
        } catch {
          // No clipboard permission (old browsers, plain HTTP): select-and-copy fallback.
          window.prompt(label, full);
        }
        setDone(true);
        window.setTimeout(() => setDone(false), 2000);
      }}
    >
      <span aria-live="polite">{done ? doneLabel : label}</span>
    </button>
  );
}
