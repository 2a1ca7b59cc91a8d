import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type DataColumn, type DataTableProps } from '@/components/ui/data-table';

type Row = { id: number; title: string; status: string; at: string };

const columns: DataColumn<Row>[] = [
  { key: 'title', label: '标题', card: 'title', isRowHeader: true, cell: (r) => r.title },
  { key: 'status', label: '状态', card: 'aside', ariaSort: 'ascending', cell: (r) => r.status },
  { key: 'at', label: '更新时间', cell: (r) => r.at },
  { key: 'id', label: '编号', card: 'hidden', cell: (r) => String(r.id) },
  { key: 'edit', label: '操作', header: createElement('span', { className: 'sr-only' }, '操作'), card: 'end', cell: (r) => `edit ${r.id}` },
];

function render(props: Partial<DataTableProps<Row>> = {}): string {
  return renderToStaticMarkup(createElement(DataTable<Row>, { rows: [{ id: 7, title: '一条稿件', status: '待审', at: '12-05' }], columns, rowKey: (r) => r.id, ...props }));
}

describe('DataTable', () => {
  it('writes each row once: a table from md up, a card below, from one list of columns', () => {
    const html = render();
    expect(html.match(/<tr /g)).toHaveLength(2);
    expect(html).toContain('<th scope="row"');
    expect(html).toContain('md:table-row');
    // The card labels its meta items only; title, status and action say what they are.
    expect(html.match(/md:hidden">更新时间</g)).toHaveLength(1);
    expect(html).not.toMatch(/md:hidden">(标题|状态|操作)</);
    // A hidden column is a table cell only.
    expect(html).toMatch(/<td class="hidden md:table-cell[^"]*" data-column="id">7<\/td>/);
    expect(html).toContain('aria-sort="ascending"');
  });

  it('keeps the totals at the foot and can switch at lg', () => {
    const html = render({ footRows: [{ id: 0, title: '合计', status: '', at: '' }], wideFrom: 'lg' });
    expect(html).toMatch(/<tfoot class="[^"]*lg:table-footer-group[^"]*">.*合计.*<\/tfoot>/);
    expect(html).not.toContain('md:table-row');
  });
});
