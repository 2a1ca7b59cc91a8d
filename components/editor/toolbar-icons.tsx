import type { ReactNode } from 'react';

// Line icons for the editor toolbar (24×24, drawn with currentColor).
const paths: Record<string, ReactNode> = {
  bulletList: (
    <>
      <path d="M9 6h11M9 12h11M9 18h11" />
      <circle cx="4.5" cy="6" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="4.5" cy="12" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="4.5" cy="18" r="1.2" fill="currentColor" stroke="none" />
    </>
  ),
  orderedList: <path d="M10 6h10M10 12h10M10 18h10M4 4.5h1.2V9M3.8 9h2.6M3.7 13.6c.3-.7 1-1 1.6-.9.8.1 1.2.8.9 1.5-.3.7-2.5 1.8-2.5 2.8h2.7" />,
  blockquote: (
    <>
      <path d="M4.5 5v14" strokeWidth="3" />
      <path d="M10 8h10M10 12h10M10 16h6" />
    </>
  ),
  horizontalRule: (
    <>
      <path d="M3 12h18" strokeWidth="2.2" />
      <path d="M7 6.5h10M7 17.5h10" opacity=".45" />
    </>
  ),
  link: <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />,
  image: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <circle cx="9" cy="9" r="2" />
      <path d="m21 15-3.1-3.1a2 2 0 0 0-2.8 0L6 21" />
    </>
  ),
  table: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <path d="M3 9h18M3 15h18M9 3v18M15 3v18" />
    </>
  ),
  undo: <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />,
  redo: <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />,
};

export type ToolbarIconName = keyof typeof paths;

export function ToolbarIcon({ name }: { name: ToolbarIconName }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {paths[name]}
    </svg>
  );
}
