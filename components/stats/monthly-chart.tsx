'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type MonthlyChartProps = {
  months: { month: string; submitted: number; adopted: number }[];
  labels: { submitted: string; adopted: string };
  locale: string;
};

// 11月 / Nov within one year; 2026-11 when the months cross a year.
function monthLabel(month: string, oneYear: boolean, locale: string): string {
  if (!oneYear) return month;
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

// 每月投稿与采用: filed and adopted side by side per month.
export function MonthlyChart({ months, labels, locale }: MonthlyChartProps) {
  const oneYear = months.length > 0 && months[0]!.month.slice(0, 4) === months.at(-1)!.month.slice(0, 4);
  return (
    <div className="h-64 w-full" data-testid="monthly-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="month" tick={{ fontSize: 12, fill: '#6b7280' }} tickFormatter={(m: string) => monthLabel(m, oneYear, locale)} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#6b7280' }} />
          <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} labelFormatter={(m) => monthLabel(String(m), false, locale)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="submitted" name={labels.submitted} fill="#94a3b8" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="adopted" name={labels.adopted} fill="#b3261e" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
