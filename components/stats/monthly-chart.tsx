'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type MonthlyChartProps = {
  months: { month: string; submitted: number; adopted: number }[];
  labels: { submitted: string; adopted: string };
};

// 每月投稿与采用: filed and adopted side by side per month.
export function MonthlyChart({ months, labels }: MonthlyChartProps) {
  return (
    <div className="h-64 w-full" data-testid="monthly-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="month" tick={{ fontSize: 12, fill: '#6b7280' }} tickFormatter={(m: string) => (months.length > 12 ? m : m.slice(5))} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#6b7280' }} />
          <Tooltip cursor={{ fill: 'rgba(0,0,0,0.04)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="submitted" name={labels.submitted} fill="#94a3b8" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="adopted" name={labels.adopted} fill="#b3261e" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
