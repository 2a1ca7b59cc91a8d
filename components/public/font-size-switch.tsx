'use client';

import { useEffect, useState } from 'react';

const SIZES = ['large', 'medium', 'small'] as const;
type Size = (typeof SIZES)[number];
const STORAGE_KEY = 'tougao:font-size';

// 字号 大/中/小 for older readers (适老化): sets data-font-size on the article
// body, remembered on this device.
export function FontSizeSwitch({ labels, label }: { labels: Record<Size, string>; label: string }) {
  const [size, setSize] = useState<Size>('medium');
  useEffect(() => {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved && (SIZES as readonly string[]).includes(saved)) setSize(saved as Size);
  }, []);
  useEffect(() => {
    document.getElementById('article-body')?.setAttribute('data-font-size', size);
  }, [size]);
  return (
    <div role="group" aria-label={label} className="no-print inline-flex items-center gap-1 text-sm">
      <span className="text-ink-500">{label}</span>
      {SIZES.map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={size === s}
          onClick={() => {
            setSize(s);
            window.localStorage.setItem(STORAGE_KEY, s);
          }}
          className={`rounded px-2 py-0.5 ${size === s ? 'bg-brand-600 text-white' : 'text-ink-700 hover:bg-gray-100'}`}
        >
          {labels[s]}
        </button>
      ))}
    </div>
  );
}
