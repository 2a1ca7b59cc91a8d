'use client';

import { useEffect, useState } from 'react';

// Stories already counted in this page load: React may run an effect twice
// (development, remounts); a view is counted once.
const counted = new Set<number>();

// 阅读量: the figure the page was rendered with, then the live total the view
// beacon answers once this view is counted.
export function ViewCounter({ storyId, initial }: { storyId: number; initial: number }) {
  const [views, setViews] = useState(initial);
  useEffect(() => {
    if (counted.has(storyId)) return;
    counted.add(storyId);
    fetch(`/api/views/${storyId}`, { method: 'POST', keepalive: true, credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<{ views?: number }>) : null))
      .then((body) => {
        if (typeof body?.views === 'number') setViews((shown) => Math.max(shown, body.views!));
      })
      .catch(() => {
        // Offline or blocked: the rendered figure stays.
      });
  }, [storyId]);
  return (
    <span data-testid="view-count" className="tabular-nums">
      {views}
    </span>
  );
}
