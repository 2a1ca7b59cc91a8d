import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';
import { FilterField } from '@/components/ui/filter-field';
import { TextInput } from '@/components/ui/field';

export type AuditExportFormProps = { from: string; to: string };

// A plain GET form: the route answers with the file, so the browser saves it
// and the page stays as it is. One button per format.
export function AuditExportForm({ from, to }: AuditExportFormProps) {
  const t = useTranslations('admin.audit.export');
  return (
    <form method="get" action="/admin/audit/export" className="flex flex-1 flex-col gap-3" data-testid="audit-export">
      <p className="text-sm text-ink-500">{t('intro')}</p>
      <div className="flex flex-wrap gap-3">
        <FilterField name="export-from" label={t('from')} className="min-w-[8.5rem] flex-[1_1_9rem]">
          <TextInput id="export-from" name="from" type="date" defaultValue={from} required />
        </FilterField>
        <FilterField name="export-to" label={t('to')} className="min-w-[8.5rem] flex-[1_1_9rem]">
          <TextInput id="export-to" name="to" type="date" defaultValue={to} required />
        </FilterField>
      </div>
      <div className="mt-auto flex flex-wrap gap-2 pt-1">
        <button type="submit" name="format" value="xlsx" className={buttonClass('secondary')} data-testid="audit-export-xlsx">
          {t('xlsx')}
        </button>
        <button type="submit" name="format" value="csv" className={buttonClass('secondary')} data-testid="audit-export-csv">
          {t('csv')}
        </button>
      </div>
    </form>
  );
}
