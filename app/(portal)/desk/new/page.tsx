import { getReviewSettings } from '@/lib/settings';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StoryForm } from '@/components/desk/story-form';
import { listActiveColumns } from '@/lib/stories';
import { requirePagePermission } from '../../guards';
import { saveStoryAction, submitStoryAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('story'))('newStory') };
}

// The story is created by its first autosave, so opening this page leaves no
// empty drafts behind.
export default async function NewStoryPage() {
  const viewer = await requirePagePermission('story:create');
  const [t, columns, review] = await Promise.all([getTranslations('story'), listActiveColumns(viewer), getReviewSettings()]);
  return (
    <div>
      <Link href="/desk" className="text-sm text-ink-500 hover:text-brand-700">
        ← {t('backToDesk')}
      </Link>
      <StoryForm heading={{ whileNew: t('newStory'), onceCreated: t('editTitle') }} story={null} columns={columns} defaultByline={`通讯员 ${viewer.displayName}`} actions={{ save: saveStoryAction, submit: submitStoryAction }} secrecyCheck={review.secrecyCheck} />
    </div>
  );
}
