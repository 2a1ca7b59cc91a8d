import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { Select } from './field';

export type FilterFieldProps = { name: string; label: string; className?: string; children: ReactNode };

// One labelled control in a list's filter bar; the control carries `name`
// as its id.
export function FilterField({ name, label, className = 'min-w-[10rem] flex-[1_1_12rem]', children }: FilterFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={name} className="mb-1 block text-xs font-medium text-ink-500">
        {label}
      </label>
      {children}
    </div>
  );
}

export type FilterSelectProps = {
  name: string;
  label: string;
  // The first option, meaning "no filter".
  anyLabel: string;
  options: readonly { id: number; name: string }[];
  selected: number | null | undefined;
  className?: string;
};

// One of these records, or any.
export function FilterSelect({ name, label, anyLabel, options, selected, className }: FilterSelectProps) {
  return (
    <FilterField name={name} label={label} className={className}>
      <Select name={name} defaultValue={selected ? String(selected) : ''}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.id} value={String(option.id)}>
            {option.name}
          </option>
        ))}
      </Select>
    </FilterField>
  );
}

export type FilterActionsProps = {
  applyLabel: string;
  resetLabel: string;
  // The list without filters; no reset link when left out (nothing to reset).
  resetHref?: string;
};

// The filter bar's apply button and its reset link.
export function FilterActions({ applyLabel, resetLabel, resetHref }: FilterActionsProps) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={buttonClass('secondary')}>
        {applyLabel}
      </button>
      {resetHref && (
        <Link href={resetHref} className={buttonClass('ghost')}>
          {resetLabel}
        </Link>
      )}
    </div>
  );
}
