import type { ReactNode } from 'react';

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-line bg-white shadow-xs ${className}`}>{children}</section>;
}

// A card that is one part of a page, under its own heading.
export function TitledCard({ title, children, className = '' }: { title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <Card className={`p-5 sm:p-6 ${className}`}>
      <h2 className="mb-4 text-base font-semibold text-ink-900">{title}</h2>
      {children}
    </Card>
  );
}
