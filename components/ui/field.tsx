import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

export const inputClass =
  'block w-full rounded-md border border-line bg-white px-3 py-2 text-sm text-ink-900 shadow-xs placeholder:text-ink-300 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-500';

export type FieldProps = { label: ReactNode; name: string; error?: string; hint?: ReactNode; children: ReactNode };

// A label, its control, a hint and the inline error for that control.
export function Field({ label, name, error, hint, children }: FieldProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-ink-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${name}-error`} className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-ink-500">{hint}</p>
      ) : null}
    </div>
  );
}

export type TextInputProps = InputHTMLAttributes<HTMLInputElement> & { name: string; error?: string };

export function TextInput({ name, error, className = '', ...rest }: TextInputProps) {
  return <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${name}-error` : undefined} className={`${inputClass} ${className}`} {...rest} />;
}

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { name: string; error?: string };

export function Select({ name, error, className = '', children, ...rest }: SelectProps) {
  return (
    <select id={name} name={name} aria-invalid={error ? true : undefined} className={`${inputClass} ${className}`} {...rest}>
      {children}
    </select>
  );
}
