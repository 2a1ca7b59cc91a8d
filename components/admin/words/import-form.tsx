'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/action-result';
import type { ImportSummary } from '@/lib/content-check';

export type ImportState = ActionState & { summary?: ImportSummary; dryRun?: boolean };

type ImportAction = (state: ImportState, formData: FormData) => Promise<ImportState>;

// 导入: the file is read twice, first for the preview (nothing written), then
// for the import itself; the summary names the invalid lines.
export function WordImportForm({ listId, action, category }: { listId: number; action: ImportAction; category: string }) {
  const t = useTranslations('admin.words');
  const [state, formAction] = useActionState<ImportState, FormData>(action, { ok: false });
  const summary = state.summary;
  return (
    <form action={formAction} className="space-y-3" noValidate data-testid="word-import-form">
      <input type="hidden" name="listId" value={listId} />
      <label htmlFor="word-import-file" className="block text-sm font-medium text-ink-700">
        {t('importFile')}
      </label>
      <input id="word-import-file" name="file" type="file" accept=".txt,.csv,.xlsx,text/plain,text/csv" className="block w-full text-sm" data-testid="word-import-file" />
      <p className="text-xs text-ink-500">{t(`importHint.${category}`)}</p>
      {state.message && <Alert tone={state.ok ? (state.dryRun ? 'info' : 'success') : 'error'}>{state.message}</Alert>}
      {summary && (
        <div className="rounded-md border border-line bg-gray-50 p-3 text-sm" data-testid="word-import-summary">
          <p>{t('importSummary', { rows: summary.rows, added: summary.added, duplicates: summary.duplicates, invalid: summary.invalidCount })}</p>
          {summary.invalid.length > 0 && (
            <ul className="mt-2 max-h-40 list-disc space-y-0.5 overflow-auto pl-5 text-xs text-red-700">
              {summary.invalid.map((line) => (
                <li key={line.line}>{t('invalidLine', { line: line.line, reason: t(`problems.${line.reason}`) })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="mode" value="preview" variant="secondary" pendingLabel={t('reading')}>
          {t('preview')}
        </SubmitButton>
        <SubmitButton name="mode" value="import" pendingLabel={t('importing')}>
          {t('import')}
        </SubmitButton>
      </div>
    </form>
  );
}
