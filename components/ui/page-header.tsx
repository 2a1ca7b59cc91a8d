import type { ReactNode } from 'react';

export type PageHeaderProps = { title: ReactNode; intro?: ReactNode; actions?: ReactNode };

export function PageHeader({ title, intro, actions }: PageHeaderProps) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-xl font-semibold text-ink-900 sm:text-2xl">{title}</h1>
        {intro ? <p className="mt-1 text-sm text-ink-500">{intro}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
