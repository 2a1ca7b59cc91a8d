'use client';

// A reload of /desk/new right after typing: the browser asks, the first save
// goes out while it does, and it may reach the server only as the old page is
// torn down. The story then exists, this browser's copy was cleared, and the
// reloaded page would be an empty form. So each tab notes the story its new
// form created, and a reload of /desk/new shortly after opens that story.

const KEY = 'tougao:story:created';
const WINDOW_MS = 60_000;
let checked = false;

export function noteStoryCreated(id: number): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ id, at: Date.now() }));
  } catch {
    // storage disabled: a reload shows the empty form, the story is on the desk
  }
}

// The story to open instead of an empty form: only on the first new form of
// a page load that reloaded /desk/new. A later new form in the same page
// load means the user moved on, so the note is dropped.
export function storyCreatedBeforeReload(): number | null {
  let note: { id?: unknown; at?: unknown } | null = null;
  try {
    note = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null') as typeof note;
    window.sessionStorage.removeItem(KEY);
  } catch {
    return null;
  }
  if (checked) return null;
  checked = true;
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  if (!note || !entry || entry.type !== 'reload' || new URL(entry.name).pathname !== '/desk/new') return null;
  const { id, at } = note;
  if (typeof id !== 'number' || typeof at !== 'number') return null;
  // The save may land after the reload began, so only its age counts.
  return Date.now() - at < WINDOW_MS ? id : null;
}
