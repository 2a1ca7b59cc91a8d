import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { WordEntryAddForm, WordEntryRow, WordListDeleteForm, WordListRenameForm, WordListToggle } from '@/components/admin/words/forms';
import { CATEGORY_TONES } from '@/components/admin/words/category-tones';
import { WordImportForm } from '@/components/admin/words/import-form';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getWordList, listWordEntries } from '@/lib/content-check';
import { isAppError } from '@/lib/errors';
import { parseId } from '@/lib/ids';
import { requirePagePermission } from '../../../guards';
import { addWordEntryAction, deleteWordEntryAction, deleteWordListAction, importWordsAction, renameWordListAction, toggleWordListAction, updateWordEntryAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.words'))('title') };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function WordListPage({ params, searchParams }: Props) {
  const viewer = await requirePagePermission('words:manage');
  const id = parseId((await params).id);
  if (id === null) notFound();
  const query = await searchParams;
  const q = one(query.q).slice(0, 100);
  const requestedPage = Number(one(query.page)) || 1;
  const list = await getWordList(viewer, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  const [t, page] = await Promise.all([getTranslations('admin.words'), listWordEntries(viewer, id, { q, page: requestedPage })]);
  const lastPage = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageHref = (n: number) => `/admin/words/${id}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`;
  return (
    <div>
      <PageHeader
        title={list.name}
        intro={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={CATEGORY_TONES[list.category]}>{t(`categories.${list.category}`)}</Badge>
            {!list.isEnabled && <Badge tone="gray">{t('disabled')}</Badge>}
            <span>{t('entryCount', { count: list.entryCount })}</span>
            <Link href="/admin/words" className="text-brand-700 hover:underline">
              {t('backToLists')}
            </Link>
          </span>
        }
      />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="overflow-hidden">
          <form className="flex flex-wrap gap-2 border-b border-line p-3" role="search">
            <input name="q" defaultValue={q} placeholder={t('searchPlaceholder')} aria-label={t('search')} className="min-w-0 flex-1 rounded-md border border-line px-3 py-1.5 text-sm" data-testid="word-search" />
            <button type="submit" className={buttonClass('secondary', '!py-1.5')}>
              {t('search')}
            </button>
          </form>
          {page.entries.length === 0 ? (
            <p className="p-6 text-sm text-ink-500">{q ? t('noMatches') : t('noEntries')}</p>
          ) : (
            <ul className="divide-y divide-line" data-testid="word-entries">
              {page.entries.map((entry) => (
                <WordEntryRow
                  key={entry.id}
                  entry={{ id: entry.id, word: entry.word, replacement: entry.replacement, title: entry.title, position: entry.titleBefore ? 'before' : 'after', validFrom: entry.validFrom ?? '', validTo: entry.validTo ?? '' }}
                  category={list.category}
                  updateAction={updateWordEntryAction}
                  deleteAction={deleteWordEntryAction}
                />
              ))}
            </ul>
          )}
          <nav className="flex flex-wrap items-center justify-between gap-2 border-t border-line bg-gray-50/60 px-4 py-2.5 text-xs text-ink-500" aria-label={t('pagination')}>
            <span>{t('pageOf', { page: page.page, pages: lastPage, total: page.total })}</span>
            <span className="flex gap-3">
              {page.page > 1 && (
                <Link href={pageHref(page.page - 1)} className="text-brand-700 hover:underline">
                  {t('previous')}
                </Link>
              )}
              {page.page < lastPage && (
                <Link href={pageHref(page.page + 1)} className="text-brand-700 hover:underline">
                  {t('next')}
                </Link>
              )}
            </span>
          </nav>
        </Card>
        <div className="space-y-4">
          <Card className="p-5">
            <h2 className="mb-4 text-base font-semibold text-ink-900">{t('addEntry')}</h2>
            <WordEntryAddForm listId={id} category={list.category} action={addWordEntryAction} />
          </Card>
          <Card className="p-5">
            <h2 className="mb-4 text-base font-semibold text-ink-900">{t('importTitle')}</h2>
            <WordImportForm listId={id} category={list.category} action={importWordsAction} />
          </Card>
          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold text-ink-900">{t('exportTitle')}</h2>
            <div className="flex flex-wrap gap-2">
              {(['txt', 'csv', 'xlsx'] as const).map((format) => (
                <a key={format} href={`/admin/words/${id}/export?format=${format}`} className={buttonClass('secondary', '!py-1.5')} data-testid={`word-export-${format}`}>
                  {t('exportAs', { format: format.toUpperCase() })}
                </a>
              ))}
            </div>
          </Card>
          <Card className="space-y-4 p-5">
            <WordListRenameForm id={id} name={list.name} action={renameWordListAction} />
            <div className="flex flex-wrap gap-2 border-t border-line pt-4">
              <WordListToggle id={id} enabled={list.isEnabled} action={toggleWordListAction} compact={false} />
              <WordListDeleteForm id={id} name={list.name} count={list.entryCount} action={deleteWordListAction} />
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
