'use client';

export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md border border-line bg-white px-3 py-1.5 text-sm text-ink-700 hover:bg-gray-50">
      {label}
    </button>
  );
}
