'use client';

import { useEffect } from 'react';

// j/k move through the queue's rows (Enter then follows the focused row's
// link natively): editors live in this list all day. Typing in a field is
// never intercepted.
export function QueueKeyboard() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey || target?.closest('input, textarea, select, [contenteditable]')) return;
      const rows = [...document.querySelectorAll<HTMLAnchorElement>('a[data-queue-row]')];
      if (rows.length === 0) return;
      const index = rows.findIndex((r) => r === document.activeElement);
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const next = event.key === 'j' ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
        rows[next]?.focus();
        rows[next]?.scrollIntoView({ block: 'nearest' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
