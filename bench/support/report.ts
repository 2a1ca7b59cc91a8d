// The public-site benchmark's tables, printed as plain text that pastes into
// a Markdown file as it is.
import type { LoadResult } from './load';

export type Row = {
  name: string;
  // Null when the page does not exist on this branch: reported, not faked.
  result: LoadResult | null;
  note?: string;
  // 1-minute load average when the row finished.
  load?: number;
  // Median of 10 requests sent one after another before the run: the
  // request's own cost, without the queue.
  aloneMs?: number;
  // This row's req/s over the static-file figure (nginx rows).
  ratio?: number;
};

const thousands = (n: number) => n.toLocaleString('en');

function cells(row: Row): string[] {
  const r = row.result;
  if (!r) return [row.name, '', 'missing', '', '', '', '', '', '', row.load?.toFixed(2) ?? '', row.note ?? ''];
  const non2xx = Object.entries(r.status)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${thousands(n)}×${code}`)
    .join(' ');
  return [
    row.name,
    row.aloneMs?.toFixed(1) ?? '',
    thousands(r.rps),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    non2xx || '0',
    String(r.errors),
    `${r.generatorCpuPercent} %`,
    row.load?.toFixed(2) ?? '',
    [row.ratio === undefined ? '' : `${Math.round(row.ratio * 100)} % of static`, row.note ?? ''].filter(Boolean).join('; '),
  ];
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['', 'alone ms', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors', 'load gen CPU', 'load avg', 'note'];
  const lines = [header, header.map(() => '---'), ...rows.map(cells)];
  return lines.map((line) => `| ${line.join(' | ')} |`).join('\n');
}

export function verdict(isMet: boolean | null): string {
  return isMet === null ? 'not measured' : isMet ? 'met' : '**not met**';
}
