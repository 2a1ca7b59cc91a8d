'use client';

import { useId, useSyncExternalStore, type ReactNode } from 'react';

export type SidePanelsProps = {
  // Whose choice it is: each person's browser remembers their own.
  userId: number;
  labels: { region: string; hide: string; show: string };
  children: ReactNode;
};

const CHANGED = 'tougao:side-panels';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function readCollapsed(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === 'collapsed';
  } catch {
    // Storage refused (private mode, a policy): the panels stay open.
    return false;
  }
}

// The review page's side panels (correspondent, decisions, duplicates,
// comments, timeline). From 1440 px they stand beside the editor and can be
// folded to a narrow rail, which the browser remembers per person; below
// that they sit under the editor and the button is not shown.
export function SidePanels({ userId, labels, children }: SidePanelsProps) {
  const key = `tougao:review-panels:${userId}`;
  const isCollapsed = useSyncExternalStore(
    subscribe,
    () => readCollapsed(key),
    () => false,
  );
  const panelId = useId();
  const toggle = () => {
    try {
      if (isCollapsed) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, 'collapsed');
    } catch {
      return;
    }
    window.dispatchEvent(new Event(CHANGED));
  };
  return (
    <aside aria-label={labels.region} className={`min-w-0 ${isCollapsed ? 'min-[1440px]:w-10' : 'min-[1440px]:w-64'}`} data-testid="review-side-panels" data-collapsed={isCollapsed || undefined}>
      <button
        type="button"
        aria-expanded={!isCollapsed}
        aria-controls={panelId}
        onClick={toggle}
        title={isCollapsed ? labels.show : labels.hide}
        className="mb-2 hidden items-center gap-1.5 rounded-md border border-line bg-white px-2.5 py-1.5 text-xs font-medium text-ink-700 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600 min-[1440px]:inline-flex"
        data-testid="toggle-side-panels"
      >
        <span aria-hidden>{isCollapsed ? '«' : '»'}</span>
        <span className={isCollapsed ? 'sr-only' : ''}>{isCollapsed ? labels.show : labels.hide}</span>
      </button>
      <div id={panelId} className={`grid grid-cols-[minmax(0,1fr)] content-start items-start gap-4 md:max-[1440px]:grid-cols-2 ${isCollapsed ? 'min-[1440px]:hidden' : ''}`}>
        {children}
      </div>
    </aside>
  );
}
