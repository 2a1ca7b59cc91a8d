import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { FilterField } from '@/components/ui/filter-field';
import { TextInput } from '@/components/ui/field';

export type SheetExportFormProps = { from: string; to: string; error: string | null };

// A plain GET form: the route answers with the file, so the browser saves it
// and the page stays; a period it refuses comes back here with the dates.
export function SheetExportForm({ from, to, error }: SheetExportFormProps) {
  const t = useTranslations('review.sheet.export');
  return (
    <form method="get" action="/review/sheets/export" className="max-w-xl space-y-4 rounded-lg border border-line bg-white p-4 sm:p-5" data-testid="sheet-export">
      <p className="text-sm text-ink-500">{t('intro')}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <FilterField name="sheet-export-from" label={t('from')} className="min-w-[8.5rem] flex-[1_1_9rem]">
          <TextInput id="sheet-export-from" name="from" type="date" defaultValue={from} required aria-invalid={error ? true : undefined} />
        </FilterField>
        <FilterField name="sheet-export-to" label={t('to')} className="min-w-[8.5rem] flex-[1_1_9rem]">
          <TextInput id="sheet-export-to" name="to" type="date" defaultValue={to} required aria-invalid={error ? true : undefined} />
        </FilterField>
      </div>
      <button type="submit" className={buttonClass('primary')} data-testid="sheet-export-xlsx">
        {t('submit')}
      </button>
    </form>
  );
}
