import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { CommentThread } from '@/components/comments/comment-thread';
import { StoryTimeline } from '@/components/desk/story-timeline';
import { ArticleView } from '@/components/public/article-view';
import { RevealContact } from '@/components/portal/reveal-contact';
import { DuplicateMatches } from '@/components/review/duplicate-matches';
import { RevisionHistory } from '@/components/review/revision-history';
import { StageDecisions } from '@/components/review/stage-decisions';
import { StageProgress } from '@/components/review/stage-progress';
import { AssigneeBadge } from '@/components/review/assignee-badge';
import { DeadlineBadge } from '@/components/review/deadline-badge';
import { StageClockPanel } from '@/components/review/stage-clock';
import { ReviewWorkspace } from '@/components/review/review-workspace';
import { SidePanels } from '@/components/review/side-panels';
import { Alert } from '@/components/ui/alert';
import { StatusBadge } from '@/components/ui/status-badge';
import { repeatedPassages } from '@/lib/content/repeated-passages';
import { getDateFormat } from '@/lib/i18n/dates';
import { articlePath } from '@/lib/public-stories';
import { getSiteSettings } from '@/lib/settings';
import { getReviewFile, getStageClock } from '@/lib/stories';
import { toStorySnapshot } from '@/lib/stories/snapshot';
import { can } from '@/lib/authz';
import { canEdit, canTransition } from '@/lib/workflow';
import { toZonedInputValue } from '@/lib/zoned-time';
import { loadStoryPage } from '../../guards';
import { saveStoryAction } from '../../desk/actions';
import { addCommentAction, restoreRevisionAction } from '../../actions';
import { approveAction, claimAction, restartFlowAction, publishAction, rejectAction, releaseAction, returnAction, revealOwnerContactAction, sendBackAction, takeOverAction, unpublishAction } from '../actions';
import { assignAction, discardPendingAction, publishUpdateAction, setExpiryAction, unassignAction } from '../actions';
import { LiveComparison } from '@/components/review/live-comparison';
import { WorkingVersionProvider } from '@/components/review/working-version';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The desk, and unit approvers for their unit's stories.
const load = (rawId: string) => loadStoryPage('review:use', rawId, 'review:unit');

function revisionParam(value: string | string[] | undefined): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^\d{1,10}$/.test(v) ? Number(v) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { story } = await load((await params).id);
  return { title: story.title || (await getTranslations('review'))('untitled') };
}

// Next full hour at least ten minutes away: a sensible first guess for a schedule.
function suggestedPublishAt(timeZone: string): string {
  const at = new Date(Date.now() + 70 * 60_000);
  at.setUTCMinutes(0, 0, 0);
  return toZonedInputValue(at, timeZone);
}

export default async function ReviewStoryPage({ params, searchParams }: Props) {
  const { viewer, story: handle } = await load((await params).id);
  const query = await searchParams;
  const from = revisionParam(query.from);
  const to = revisionParam(query.to);
  const [t, tLive, tLayout, { formatDateTime }, timeZone, settings, file, clock] = await Promise.all([
    getTranslations('review'),
    getTranslations('liveArticles.review'),
    getTranslations('listLayout'),
    getDateFormat(),
    getTimeZone(),
    getSiteSettings(),
    getReviewFile(viewer, handle, { from, to }),
    getStageClock(viewer, handle),
  ]);
  const now = new Date();
  const { story, timeline, columns, people, comments, revisions, matches, pair, correspondents, credits, flow, ownerHistory, working, live } = file;
  const onDesk = can(viewer, 'review:use');
  // What the viewer may do here, at the story's stage of its flow.
  const at = flow?.context;
  const allowed = {
    claim: canTransition(viewer, story, 'claim', at),
    approve: canTransition(viewer, story, 'approve', at),
    sendBack: canTransition(viewer, story, 'send_back', at),
    restart: can(viewer, 'workflows:manage') && canTransition(viewer, story, 'restart_flow', at),
    release: canTransition(viewer, story, 'release', at),
    takeOver: canTransition(viewer, story, 'take_over', at),
    return: canTransition(viewer, story, 'return', at),
    reject: canTransition(viewer, story, 'reject', at),
    publish: canTransition(viewer, story, 'publish', at),
    schedule: canTransition(viewer, story, 'schedule', at),
    unpublish: canTransition(viewer, story, 'unpublish', at),
    edit: canEdit(viewer, story),
  };
  // A flow of more than one stage shows where the story stands; one stage
  // reads as review always did.
  const staged = flow && flow.stages.length > 1 ? flow : null;
  const stage =
    staged && staged.current !== null
      ? { index: staged.current, name: staged.stages[staged.current]!.name, next: staged.stages[staged.current + 1]?.name ?? null, opinionRequired: staged.stages[staged.current]!.opinionRequired }
      : null;
  const repeatedPercent = Math.round(repeatedPassages(story.bodyText).repeatedRatio * 100);
  const publishDefaults = {
    columnId: story.columnId,
    source: story.source || settings.site.defaultSource,
    byline: story.byline || `通讯员 ${people.owner.displayName}`,
    editorName: story.editorName || flow?.names.responsible || viewer.displayName,
    publicId: story.publicId ?? '',
    publishAt: story.publishAt ? toZonedInputValue(story.publishAt, timeZone) : suggestedPublishAt(timeZone),
    isHeadline: story.isHeadline,
    coCorrespondents: credits,
    unpublishAt: story.unpublishAt ? toZonedInputValue(story.unpublishAt, timeZone) : '',
  };
  // A published story: its pending revision and expiry (docs/live-articles.md).
  const liveControls =
    story.status === 'published'
      ? {
          hasPending: Boolean(live.pending),
          mayPublishUpdate: live.mayPublishUpdate,
          mayDiscard: live.mayDiscard,
          maySetExpiry: live.maySetExpiry,
          unpublishAt: live.unpublishAt ? toZonedInputValue(live.unpublishAt, timeZone) : '',
          unpublishAtLabel: live.unpublishAt ? formatDateTime(live.unpublishAt) : null,
        }
      : null;

  return (
    <WorkingVersionProvider version={story.version}>
      {/* From 1440 px the workspace takes the window's width (up to 120rem), not
          the portal's column: the editor keeps room beside the side panels. */}
      <div className="space-y-4 min-[1440px]:mx-[calc((100%-min(100vw-3rem,120rem))/2)]">
        <Link href="/review" className="text-sm text-ink-500 hover:text-brand-700">
          ← {t('backToQueue')}
        </Link>
        <header className="flex flex-col gap-2">
          <h1 className="text-xl font-semibold text-ink-900 sm:text-2xl">{story.title || t('untitled')}</h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-ink-500">
            {story.receiptNo && <span className="font-mono text-ink-900" data-testid="receipt-no">{story.receiptNo}</span>}
            <StatusBadge status={story.status} />
            {clock && <DeadlineBadge dueAt={clock.dueAt} dueSoonAt={clock.dueSoonAt} now={now} layout="inline" />}
            {clock?.assignee && <AssigneeBadge assignedToId={clock.assignee.id} assignedToName={clock.assignee.displayName} assignmentDueAt={clock.assignmentDueAt} viewerId={viewer.id} now={now} layout="inline" />}
            {story.submittedAt && <span>{t('submittedAtValue', { at: formatDateTime(story.submittedAt) })}</span>}
            <span data-testid="holder">{people.holderName ? t('heldBy', { name: people.holderName }) : t('unclaimed')}</span>
            {story.status === 'scheduled' && story.publishAt && <span className="text-violet-800">{t('scheduledFor', { at: formatDateTime(story.publishAt) })}</span>}
            {story.unpublishAt && (story.status === 'published' || story.status === 'scheduled') && (
              <span className="text-red-800" data-testid="expiry-label">
                {tLive('expirySet', { at: formatDateTime(story.unpublishAt) })}
              </span>
            )}
            {story.status === 'published' && (
              <Link href={articlePath(story)} className="text-brand-700 underline" data-testid="public-link">
                {articlePath(story)}
              </Link>
            )}
            <Link href={`/review/${story.id}/sheet`} className="text-brand-700 underline" data-testid="review-sheet-link">
              {t('sheet.link')}
            </Link>
          </p>
          {staged && <StageProgress flow={staged} status={story.status} />}
        </header>

        {story.status === 'in_review' && story.assigneeId !== viewer.id && (
          <Alert tone="warning">
            <span data-testid="claimed-by-other">{t('claimedByOther', { name: people.holderName ?? '' })}</span>
          </Alert>
        )}
        {story.lastNote && ['changes_requested', 'rejected', 'unpublished'].includes(story.status) && (
          <Alert tone="info">
            <p className="font-medium">{t(`lastNote.${story.status as 'changes_requested' | 'rejected' | 'unpublished'}`)}</p>
            <p className="mt-1 whitespace-pre-wrap">{story.lastNote}</p>
          </Alert>
        )}

        {/* Below 1440 px the side panels go under the editor, which then keeps
            the page's width (at 1366 px: 760 px and more, its toolbar on one line). */}
        <div className="grid grid-cols-[minmax(0,1fr)] gap-4 min-[1440px]:grid-cols-[minmax(0,1fr)_auto]">
          <div className="min-w-0">
            <ReviewWorkspace
              story={toStorySnapshot(working)}
              stateKey={`${story.status}:${story.assigneeId}:${timeline.length}`}
              allowed={allowed}
              stage={stage}
              holderName={people.holderName}
              columns={columns}
              correspondents={correspondents.filter((c) => c.id !== story.ownerId)}
              publishDefaults={publishDefaults}
              actions={{
                claim: claimAction,
                release: releaseAction,
                takeOver: takeOverAction,
                return: returnAction,
                reject: rejectAction,
                unpublish: unpublishAction,
                publish: publishAction,
                approve: approveAction,
                sendBack: sendBackAction,
                restart: restartFlowAction,
                save: saveStoryAction,
                publishUpdate: publishUpdateAction,
                discardPending: discardPendingAction,
                setExpiry: setExpiryAction,
              }}
              live={liveControls}
              preview={<ArticleView article={{ ...working, publishedAt: story.publishedAt ?? story.publishAt }} fallbackSource={settings.site.defaultSource || settings.site.name} />}
            />
            {story.status === 'published' && (
              <div className="mt-4">
                <LiveComparison live={live} story={story} />
              </div>
            )}
          </div>
          <SidePanels userId={viewer.id} labels={{ region: tLayout('sidePanels'), hide: tLayout('hideSidePanels'), show: tLayout('showSidePanels') }}>
            {clock && <StageClockPanel clock={clock} now={now} assign={assignAction.bind(null, story.id, clock.stage)} unassign={unassignAction.bind(null, story.id, clock.stage)} />}
            <section className="rounded-lg border border-line bg-white p-4 text-sm" data-testid="correspondent-card">
              <h2 className="mb-2 text-sm font-semibold">{t('correspondent')}</h2>
              <dl className="grid grid-cols-[5rem_1fr] gap-y-1">
                <dt className="text-ink-500">{t('name')}</dt>
                <dd>{people.owner.displayName}</dd>
                <dt className="text-ink-500">{t('unit')}</dt>
                <dd>{people.owner.unitName ?? '—'}</dd>
                {(['phone', 'email'] as const).map((field) => {
                  const value = people.owner[field];
                  const linkAs = field === 'phone' ? 'tel' : 'mailto';
                  return [
                    <dt key={`${field}-label`} className="text-ink-500">
                      {t(field)}
                    </dt>,
                    <dd key={field} className="break-all" data-testid={`correspondent-${field}`}>
                      {!value ? (
                        '—'
                      ) : people.owner.contactMasked ? (
                        <RevealContact
                          masked={value}
                          reveal={revealOwnerContactAction.bind(null, story.id, field)}
                          buttonText={t('reveal')}
                          buttonLabel={t('revealLabel', { field: t(field) })}
                          linkAs={linkAs}
                          testId={`correspondent-${field}`}
                        />
                      ) : (
                        <a href={`${linkAs}:${value}`} className="text-brand-700">
                          {value}
                        </a>
                      )}
                    </dd>,
                  ];
                })}
              </dl>
              <h3 className="mt-3 mb-1 border-t border-line pt-3 text-xs font-semibold text-ink-700">{t('moreFromCorrespondent')}</h3>
              {ownerHistory.length === 0 ? (
                <p className="text-xs text-ink-500">{t('noOtherStories')}</p>
              ) : (
                <ul className="space-y-1.5" data-testid="owner-history">
                  {ownerHistory.map((other) => (
                    <li key={other.id} className="flex items-start justify-between gap-2 text-xs" data-story-id={other.id}>
                      <Link href={`/review/${other.id}`} className="min-w-0 flex-1 truncate text-brand-700 hover:underline" title={other.title || t('untitled')}>
                        {other.title || t('untitled')}
                      </Link>
                      <StatusBadge status={other.status} />
                    </li>
                  ))}
                </ul>
              )}
              <Link href={`/review?tab=queue&correspondent=${people.owner.id}`} className="mt-2 inline-block text-xs text-brand-700 hover:underline">
                {t('correspondentQueue')}
              </Link>
            </section>
            {staged && <StageDecisions decisions={staged.decisions} />}
            <DuplicateMatches matches={matches} repeatedPercent={repeatedPercent} />
            {onDesk && <CommentThread storyId={story.id} comments={comments} canWriteInternal canWrite onAdd={addCommentAction} />}
            <StoryTimeline entries={timeline} />
          </SidePanels>
        </div>
        <RevisionHistory
          revisions={revisions}
          pair={pair}
          selected={from && to ? { from, to } : null}
          restore={allowed.edit ? { storyId: story.id, version: story.version, isLive: story.status === 'published', action: restoreRevisionAction } : null}
        />
      </div>
    </WorkingVersionProvider>
  );
}
