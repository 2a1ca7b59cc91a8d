'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

export type LeaveGuardOptions = {
  // True while something typed has not reached the server. Called at the
  // moment of leaving, so it may first collect what an editor still holds.
  hasUnsaved: () => boolean;
  // Saves at once; resolves true when everything is on the server.
  saveNow: () => Promise<boolean>;
  // Asked when the save failed (offline, refused): leave anyway?
  confirmLeave: string;
};

// Nothing typed is lost by leaving the page. A link within the portal waits
// for the save and then navigates (or asks, when the save failed); a reload,
// a closed tab or a typed address gets the browser's own "leave site?" prompt
// while the save runs; a hidden tab saves at once. App Router has no
// navigation-blocking API, so in-app links are caught before Next's <Link>
// sees the click (capture phase on window, ahead of React's root listener).
export function useLeaveGuard({ hasUnsaved, saveNow, confirmLeave }: LeaveGuardOptions): void {
  const router = useRouter();
  const latest = useRef({ hasUnsaved, saveNow, confirmLeave });
  useEffect(() => {
    latest.current = { hasUnsaved, saveNow, confirmLeave };
  });

  useEffect(() => {
    let leaving = false;

    const onClick = (event: MouseEvent) => {
      const href = inAppDestination(event);
      if (!href || leaving || !latest.current.hasUnsaved()) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      leaving = true;
      void latest.current
        .saveNow()
        .then((saved) => {
          if (saved || window.confirm(latest.current.confirmLeave)) router.push(href);
        })
        .finally(() => {
          leaving = false;
        });
    };

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!latest.current.hasUnsaved()) return;
      void latest.current.saveNow();
      event.preventDefault();
      // Older engines show the prompt only for a returnValue.
      event.returnValue = '';
    };

    const onHide = () => {
      if (document.visibilityState === 'hidden' && latest.current.hasUnsaved()) void latest.current.saveNow();
    };
    const onPageHide = () => {
      if (latest.current.hasUnsaved()) void latest.current.saveNow();
    };

    window.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [router]);
}

// The address a click is about to open in this tab of the portal, or null
// when the browser or nobody would navigate (new tab, download, another site,
// a link in the text being edited, the same page).
function inAppDestination(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if (anchor.closest('[contenteditable="true"]') || anchor.hasAttribute('download')) return null;
  if (anchor.target && anchor.target !== '_self') return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  if (url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return url.pathname + url.search + url.hash;
}
