import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PersonalInfoForm, WordListCreateForm, WordListToggle } from '@/components/admin/words/forms';
import { CATEGORY_TONES } from '@/components/admin/words/category-tones';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { listWordLists } from '@/lib/content-check';
import { getContentCheckSettings } from '@/lib/settings';
import { requirePagePermission } from '../../guards';
import { createWordListAction, personalInfoAction, toggleWordListAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.words'))('title') };
}

export default async function WordListsPage() {
  const viewer = await requirePagePermission('words:manage');
  const [t, lists, settings] = await Promise.all([getTranslations('admin.words'), listWordLists(viewer), getContentCheckSettings()]);
  return (
    <div>
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="overflow-hidden">
          {lists.length === 0 ? (
            <p className="p-6 text-sm text-ink-500">{t('empty')}</p>
          ) : (
            <ul className="divide-y divide-line" data-testid="word-lists">
              {lists.map((list) => (
                <li key={list.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
                  <Link href={`/admin/words/${list.id}`} className="min-w-0 font-medium break-all text-brand-700 hover:underline">
                    {list.name}
                  </Link>
                  <Badge tone={CATEGORY_TONES[list.category]}>{t(`categories.${list.category}`)}</Badge>
                  {!list.isEnabled && <Badge tone="gray">{t('disabled')}</Badge>}
                  <span className="text-sm text-ink-500">{t('entryCount', { count: list.entryCount })}</span>
                  <span className="ml-auto">
                    <WordListToggle id={list.id} enabled={list.isEnabled} action={toggleWordListAction} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="space-y-4">
          <Card className="p-5">
            <h2 className="mb-4 text-base font-semibold text-ink-900">{t('createList')}</h2>
            <WordListCreateForm action={createWordListAction} />
          </Card>
          <Card className="p-5">
            <PersonalInfoForm level={settings.personalInfo} action={personalInfoAction} />
          </Card>
        </div>
      </div>
    </div>
  );
}
