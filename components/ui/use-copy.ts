'use client';

import { useRef, useState, type RefObject } from 'react';

// Copies a value the server will show only once; also where the Clipboard
// API is missing (plain http on an intranet), by selecting the element that
// shows it. `copied` says it worked, for the button's label.
export function useCopy<T extends HTMLElement>(): { ref: RefObject<T | null>; copied: boolean; copy: (value: string) => Promise<void> } {
  const ref = useRef<T>(null);
  const [copied, setCopied] = useState(false);
  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const node = ref.current;
      const selection = window.getSelection();
      if (!node || !selection) return;
      const range = document.createRange();
      range.selectNodeContents(node);
      selection.removeAllRanges();
      selection.addRange(range);
      if (!document.execCommand('copy')) return;
    }
    setCopied(true);
  }
  return { ref, copied, copy };
}
