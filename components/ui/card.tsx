import type { ReactNode } from 'react';

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-line bg-white shadow-xs ${className}`}>{children}</section>;
}

// A card that is one part of a page, under its own heading.
export function TitledCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Card className="p-5 sm:p-6">
      <h2 className="mb-4 text-base font-semibold text-ink-900">{title}</h2>
      {children}
    </Card>
  );
}
