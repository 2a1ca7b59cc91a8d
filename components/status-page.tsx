import Link from 'next/link';
import type { ReactNode } from 'react';

export type StatusPageProps = { code: string; title: ReactNode; body: ReactNode; actions?: ReactNode };

// The 403/404/500 pages: one calm layout in the user's language.
export function StatusPage({ code, title, body, actions }: StatusPageProps) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-4 py-16 text-center sm:py-24">
      <p className="text-5xl font-bold text-brand-600">{code}</p>
      <h1 className="mt-4 text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm leading-relaxed text-ink-500">{body}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3 text-sm">{actions}</div>
    </div>
  );
}

export function StatusLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="rounded-md border border-line bg-white px-4 py-2 hover:bg-gray-50">
      {children}
    </Link>
  );
}
