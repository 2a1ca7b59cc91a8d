// The first thing a keyboard reaches on a page: past the header and its
// navigation to the page's own content (the <main> with MAIN_ID).
export const MAIN_ID = 'main';

export function SkipLink({ label }: { label: string }) {
  return (
    <a href={`#${MAIN_ID}`} className="sr-only z-50 rounded-md bg-white text-sm font-medium text-brand-700 shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-4 focus:py-2" data-testid="skip-link">
      {label}
    </a>
  );
}
