import { getReviewSettings } from '@/lib/settings';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CommentThread } from '@/components/comments/comment-thread';
import { StoryActionButton } from '@/components/desk/story-action-button';
import { StoryDiff } from '@/components/desk/story-diff';
import { StoryReadView } from '@/components/desk/story-read-view';
import { StoryTimeline } from '@/components/desk/story-timeline';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { StatusBadge } from '@/components/ui/status-badge';
import { articlePath } from '@/lib/public-stories';
import { getPublishedChanges, getReturnedChanges, getRevisionPair, getStageContext, listActiveColumns, listComments, listRevisions, listStoryTimeline, readStory } from '@/lib/stories';
import { RestorableStoryForm } from '@/components/desk/restorable-story-form';
import { RevisionHistory } from '@/components/review/revision-history';
import { WorkingVersionProvider } from '@/components/review/working-version';
import { toStorySnapshot } from '@/lib/stories/snapshot';
import { canEdit, canTransition } from '@/lib/workflow';
import { loadStoryPage } from '../../guards';
import { addCommentAction, restoreRevisionAction } from '../../actions';
import { deleteDraftAction, saveStoryAction, submitStoryAction, withdrawStoryAction } from '../actions';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function revisionParam(value: string | string[] | undefined): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^\d{1,10}$/.test(v) ? Number(v) : null;
}

const load = (rawId: string) => loadStoryPage('desk:use', rawId);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { story } = await load((await params).id);
  return { title: story.title || (await getTranslations('story'))('editTitle') };
}

export default async function DeskStoryPage({ params, searchParams }: Props) {
  const { viewer, story: handle } = await load((await params).id);
  const query = await searchParams;
  const [from, to] = [revisionParam(query.from), revisionParam(query.to)];
  // Its holder restores earlier revisions here (docs/live-articles.md).
  const mayRestore = canEdit(viewer, handle);
  const [t, tStatus, story, timeline, columns, changes, returned, comments, review, stage] = await Promise.all([
    getTranslations('story'),
    getTranslations('status'),
    readStory(viewer, handle),
    listStoryTimeline(viewer, handle),
    listActiveColumns(viewer),
    getPublishedChanges(viewer, handle),
    getReturnedChanges(viewer, handle),
    listComments(viewer, handle),
    getReviewSettings(),
    getStageContext(viewer, handle),
  ]);
  const [revisions, pair] = mayRestore ? await Promise.all([listRevisions(viewer, handle), from && to ? getRevisionPair(viewer, handle, from, to) : null]) : [[], null];
  const editable = canEdit(viewer, story);
  // Open only until a reviewer decides at a stage.
  const canWithdraw = canTransition(viewer, story, 'withdraw', stage);
  const canDelete = story.status === 'draft' && !story.receiptNo;

  return (
    <div className="space-y-4">
      <Link href="/desk" className="text-sm text-ink-500 hover:text-brand-700">
        ← {t('backToDesk')}
      </Link>
      <PageHeader
        title={editable ? t('editTitle') : story.title}
        intro={
          <span className="flex flex-wrap items-center gap-2">
            {story.receiptNo && (
              <span>
                {t('receiptNo')} <span className="font-mono text-ink-900" data-testid="receipt-no">{story.receiptNo}</span>
              </span>
            )}
            <StatusBadge status={story.status} />
          </span>
        }
        actions={
          <>
            {canWithdraw && (
              <StoryActionButton label={t('withdraw')} pendingLabel={t('withdrawing')} confirm={t('withdrawConfirm')} run={withdrawStoryAction.bind(null, story.id, story.version)} testId="withdraw-story" />
            )}
            {canDelete && <StoryActionButton label={t('delete')} pendingLabel={t('delete')} confirm={t('deleteConfirm')} variant="danger" run={deleteDraftAction.bind(null, story.id)} testId="delete-draft" />}
          </>
        }
      />

      {story.status === 'changes_requested' && story.lastNote && (
        <Alert tone="warning">
          <p className="font-medium">{t('returnedNote')}</p>
          <p className="mt-1 whitespace-pre-wrap" data-testid="editor-note">{story.lastNote}</p>
        </Alert>
      )}
      {returned && <StoryDiff before={returned.submitted} after={returned.returned} title={t('returnedChangesTitle')} testId="returned-changes" />}
      {story.status === 'rejected' && story.lastNote && (
        <Alert tone="error">
          <p className="font-medium">{t('rejectedReason')}</p>
          <p className="mt-1 whitespace-pre-wrap">{story.lastNote}</p>
        </Alert>
      )}
      {story.status === 'published' && (
        <Alert tone="success">
          {t('publicLink')}:{' '}
          <Link href={articlePath(story)} className="font-medium underline">
            {articlePath(story)}
          </Link>
          <span className="ml-4">
            {t('views')}: {story.viewCount}
          </span>
        </Alert>
      )}

      {editable ? (
        <WorkingVersionProvider version={story.version}>
          {/* A restore (below) starts the form again from the restored text. */}
          <RestorableStoryForm
            key={timeline.length}
            story={toStorySnapshot(story)}
            columns={columns}
            defaultByline={`通讯员 ${viewer.displayName}`}
            actions={{ save: saveStoryAction, submit: submitStoryAction }}
            secrecyCheck={review.secrecyCheck}
          />
          {revisions.length > 1 && (
            <div className="mt-4">
              <RevisionHistory revisions={revisions} pair={pair} selected={from && to ? { from, to } : null} restore={{ storyId: story.id, version: story.version, isLive: false, action: restoreRevisionAction }} />
            </div>
          )}
        </WorkingVersionProvider>
      ) : (
        <StoryReadView story={story} columnName={columns.find((c) => c.id === story.columnId)?.name ?? null} notice={t('notEditable', { status: tStatus(story.status) })} />
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        {(story.receiptNo || comments.length > 0) && (
          <CommentThread storyId={story.id} comments={comments} canWriteInternal={false} canWrite={Boolean(story.receiptNo)} onAdd={addCommentAction} />
        )}
        <StoryTimeline entries={timeline} />
        {changes && <StoryDiff before={changes.submitted} after={changes.published} />}
      </div>
    </div>
  );
}
