'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { StoryForm, type StoryFormHandle } from '@/components/desk/story-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/action-result';
import type { SaveResult, StorySnapshot } from '@/lib/stories/snapshot';
import type { StoryFormFields } from '@/components/desk/story-form';
import { ExpiryDialog } from './expiry-dialog';
import { NoteDialog } from './note-dialog';
import { PublishUpdateDialog } from './publish-update-dialog';
import { useRegisterWorkingVersion } from './working-version';
import { PublishDialog, type CoCorrespondentOption, type PublishDefaults } from './publish-dialog';

export type ReviewAllowed = {
  claim: boolean;
  approve: boolean;
  sendBack: boolean;
  restart: boolean;
  release: boolean;
  takeOver: boolean;
  return: boolean;
  reject: boolean;
  publish: boolean;
  schedule: boolean;
  unpublish: boolean;
  edit: boolean;
};

export type ReviewActions = {
  claim: (id: number) => Promise<ActionState>;
  release: (id: number) => Promise<ActionState>;
  takeOver: (id: number) => Promise<ActionState>;
  return: (id: number, version: number, note: string) => Promise<ActionState>;
  reject: (id: number, version: number, reason: string) => Promise<ActionState>;
  unpublish: (id: number, version: number, reason: string) => Promise<ActionState>;
  publish: (id: number, version: number, input: unknown) => Promise<ActionState>;
  approve: (id: number, version: number, input: unknown) => Promise<ActionState>;
  sendBack: (id: number, version: number, input: unknown) => Promise<ActionState>;
  restart: (id: number, version: number, reason: string) => Promise<ActionState>;
  save: (id: number | null, version: number, fields: StoryFormFields) => Promise<SaveResult>;
  publishUpdate: (id: number, version: number, input: unknown) => Promise<ActionState>;
  discardPending: (id: number, version: number) => Promise<ActionState>;
  setExpiry: (id: number, version: number, input: unknown) => Promise<ActionState>;
};

// A published story (docs/live-articles.md): whether it has a pending
// revision, what this viewer may do with it, and its expiry.
export type LiveControls = {
  hasPending: boolean;
  mayPublishUpdate: boolean;
  mayDiscard: boolean;
  maySetExpiry: boolean;
  // datetime-local in the site's zone, and as shown; empty / null when none.
  unpublishAt: string;
  unpublishAtLabel: string | null;
};

export type ReviewWorkspaceProps = {
  story: StorySnapshot;
  allowed: ReviewAllowed;
  holderName: string | null;
  columns: { id: number; name: string }[];
  correspondents: CoCorrespondentOption[];
  publishDefaults: PublishDefaults;
  actions: ReviewActions;
  preview: ReactNode;
  // Changes with every transition of the story (not with saves): the form
  // then starts again from the server's copy, at its new version.
  stateKey: string;
  // The stage the story is at in its review flow, when it has more than one:
  // its name, the next one's, and whether its decisions need an opinion.
  stage: { index: number; name: string; next: string | null; opinionRequired: boolean } | null;
  live?: LiveControls | null;
};

type OpenDialog = 'approve' | 'send_back' | 'restart' | 'return' | 'reject' | 'unpublish' | 'publish' | 'publish_update' | 'expiry' | null;

// One story on the review desk: the actions the viewer may take on it, and
// the text, editable by its holder, or as readers will see it.
export function ReviewWorkspace({ story, allowed, holderName, columns, correspondents, publishDefaults, actions, preview, stateKey, stage, live }: ReviewWorkspaceProps) {
  const t = useTranslations('review');
  const tLive = useTranslations('liveArticles.review');
  const router = useRouter();
  const form = useRef<StoryFormHandle>(null);
  const [view, setView] = useState<'edit' | 'preview'>(allowed.edit ? 'edit' : 'preview');
  // A claim opens the editor; a return or rejection closes it.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setView(allowed.edit ? 'edit' : 'preview');
  }, [allowed.edit]);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // The publish dialog starts from what the form holds now (column, byline,
  // source may have been changed since the page loaded), afresh each opening.
  const [publishSeed, setPublishSeed] = useState({ defaults: publishDefaults, opened: 0 });
  const openPublish = () => {
    const now = form.current?.fields();
    setPublishSeed((seed) => ({
      opened: seed.opened + 1,
      defaults: now ? { ...publishDefaults, columnId: now.columnId, byline: now.byline || publishDefaults.byline, source: now.source || publishDefaults.source } : publishDefaults,
    }));
    setDialog('publish');
  };
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, start] = useTransition();

  // Everything on screen is saved before acting; the act then carries the
  // version that save produced, so nobody acts on text they have not seen.
  const currentVersion = async (): Promise<number | null> => {
    if (!allowed.edit || !form.current) return story.version;
    const version = await form.current.flush();
    if (version === null) setMessage({ tone: 'error', text: t('saveFirst') });
    return version;
  };

  const done = (state: ActionState, success?: string): string | null => {
    if (!state.ok) return state.message ?? t('failed');
    setDialog(null);
    if (success) setMessage({ tone: 'success', text: success });
    router.refresh();
    return null;
  };

  const simple = (act: (id: number) => Promise<ActionState>, success: string) => () =>
    start(async () => {
      setMessage(null);
      const error = done(await act(story.id), success);
      if (error) setMessage({ tone: 'error', text: error });
    });

  // Restoring a revision (further down the page) acts on this editor's version.
  useRegisterWorkingVersion(currentVersion);

  // A form dialog's act: refused with its message and field errors, else closed.
  const formAct = async (act: (id: number, version: number, input: unknown) => Promise<ActionState>, input: unknown, success: string) => {
    const version = await currentVersion();
    if (version === null) return { message: t('saveFirst') };
    const state = await act(story.id, version, input);
    if (!state.ok) return { message: state.message, fieldErrors: state.fieldErrors };
    done(state, success);
    return null;
  };

  const discard = () => {
    if (!window.confirm(tLive('discardConfirm'))) return;
    start(async () => {
      setMessage(null);
      const version = await currentVersion();
      if (version === null) return setMessage({ tone: 'error', text: t('saveFirst') });
      const error = done(await actions.discardPending(story.id, version), tLive('discardedOk'));
      if (error) setMessage({ tone: 'error', text: error });
    });
  };

  const confirmNote = async (act: (id: number, version: number, note: string) => Promise<ActionState>, success: string, note: string) => {
    const version = await currentVersion();
    if (version === null) return t('saveFirst');
    return done(await act(story.id, version, note), success);
  };

  // Approve and send back carry the opinion and the stage this page showed.
  const decide = async (act: (id: number, version: number, input: unknown) => Promise<ActionState>, success: string, opinion: string) => {
    const version = await currentVersion();
    if (version === null) return t('saveFirst');
    return done(await act(story.id, version, { opinion, stage: stage?.index }), success);
  };

  const showPreview = async () => {
    if (allowed.edit) await form.current?.flush();
    setView('preview');
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 rounded-lg border border-line bg-white p-3" role="toolbar" aria-label={t('actions')}>
        {allowed.claim && (
          <Button onClick={simple(actions.claim, t('claimedOk'))} disabled={pending} data-testid="claim-story">
            {t('claim')}
          </Button>
        )}
        {allowed.takeOver && (
          <Button
            variant="secondary"
            disabled={pending}
            data-testid="take-over-story"
            onClick={() => {
              if (window.confirm(t('takeOverConfirm', { name: holderName ?? '' }))) simple(actions.takeOver, t('takenOverOk'))();
            }}
          >
            {t('takeOver')}
          </Button>
        )}
        {allowed.approve && (
          <Button onClick={() => setDialog('approve')} disabled={pending} data-testid="open-approve">
            {stage?.next ? t('stages.approveTo', { stage: stage.next }) : t('stages.approve')}
          </Button>
        )}
        {(allowed.publish || allowed.schedule) && (
          <Button onClick={openPublish} disabled={pending} data-testid="open-publish">
            {story.status === 'unpublished' ? t('republish') : story.status === 'scheduled' ? t('changeSchedule') : t('publish')}
          </Button>
        )}
        {live?.mayPublishUpdate && (
          <Button onClick={() => setDialog('publish_update')} disabled={pending} data-testid="open-publish-update">
            {tLive('publishUpdate')}
          </Button>
        )}
        {live?.mayDiscard && (
          <Button variant="secondary" onClick={discard} disabled={pending} data-testid="discard-pending">
            {tLive('discard')}
          </Button>
        )}
        {live?.maySetExpiry && (
          <Button variant="secondary" onClick={() => setDialog('expiry')} disabled={pending} data-testid="open-expiry">
            {tLive('expiry')}
          </Button>
        )}
        {allowed.sendBack && (
          <Button variant="secondary" onClick={() => setDialog('send_back')} disabled={pending} data-testid="open-send-back">
            {t('stages.sendBack')}
          </Button>
        )}
        {allowed.return && (
          <Button variant="secondary" onClick={() => setDialog('return')} disabled={pending} data-testid="open-return">
            {t('return')}
          </Button>
        )}
        {allowed.reject && (
          <Button variant="danger" onClick={() => setDialog('reject')} disabled={pending} data-testid="open-reject">
            {t('reject')}
          </Button>
        )}
        {allowed.unpublish && (
          <Button variant="danger" onClick={() => setDialog('unpublish')} disabled={pending} data-testid="open-unpublish">
            {story.status === 'scheduled' ? t('cancelSchedule') : t('unpublish')}
          </Button>
        )}
        {allowed.restart && (
          <Button variant="ghost" onClick={() => setDialog('restart')} disabled={pending} data-testid="open-restart">
            {t('stages.restart')}
          </Button>
        )}
        {allowed.release && (
          <Button variant="ghost" onClick={simple(actions.release, t('releasedOk'))} disabled={pending} data-testid="release-story">
            {t('release')}
          </Button>
        )}
        {/* Nothing to do here now (returned, rejected, another stage's): say why rather than show an empty bar. */}
        {!Object.values(allowed).some(Boolean) && (
          <p className="text-sm text-ink-500" data-testid="no-actions">
            {t.has(`noActions.${story.status}`) ? t(`noActions.${story.status}` as 'noActions.other') : t('noActions.other')}
          </p>
        )}
        {allowed.edit && (
          <div className="ml-auto flex rounded-md border border-line p-0.5 text-sm" role="tablist">
            <button type="button" role="tab" aria-selected={view === 'edit'} onClick={() => setView('edit')} className={`rounded px-3 py-1 ${view === 'edit' ? 'bg-brand-600 text-white' : 'text-ink-700 hover:bg-gray-100'}`}>
              {t('editTab')}
            </button>
            <button type="button" role="tab" aria-selected={view === 'preview'} onClick={() => void showPreview()} className={`rounded px-3 py-1 ${view === 'preview' ? 'bg-brand-600 text-white' : 'text-ink-700 hover:bg-gray-100'}`}>
              {t('previewTab')}
            </button>
          </div>
        )}
      </div>
      {message && (
        <Alert tone={message.tone}>
          <span data-testid="review-message">{message.text}</span>
        </Alert>
      )}

      {/* The form stays mounted while previewing, so unsaved text is never dropped. */}
      {allowed.edit && (
        <div hidden={view !== 'edit'}>
          <StoryForm key={stateKey} story={story} columns={columns} defaultByline={publishDefaults.byline} actions={{ save: actions.save }} mode="review" handleRef={form} />
        </div>
      )}
      {view === 'preview' && <article className="rounded-lg border border-line bg-white px-5 py-8 sm:px-10" data-testid="story-preview">{preview}</article>}

      <NoteDialog
        open={dialog === 'approve'}
        onClose={() => setDialog(null)}
        title={stage?.next ? t('stages.approveTo', { stage: stage.next }) : t('stages.approve')}
        label={t('stages.opinion', { stage: stage?.name ?? '' })}
        hint={stage?.opinionRequired ? t('stages.opinionRequiredHint') : t('stages.opinionHint')}
        confirmLabel={t('stages.approve')}
        optional={!stage?.opinionRequired}
        testId="approve-dialog"
        onConfirm={(opinion) => decide(actions.approve, t('stages.approvedOk', { stage: stage?.next ?? '' }), opinion)}
      />
      <NoteDialog
        open={dialog === 'send_back'}
        onClose={() => setDialog(null)}
        title={t('stages.sendBack')}
        label={t('stages.sendBackReason')}
        hint={t('stages.sendBackHint')}
        confirmLabel={t('stages.sendBack')}
        testId="send-back-dialog"
        onConfirm={(opinion) => decide(actions.sendBack, t('stages.sentBackOk'), opinion)}
      />
      <NoteDialog
        open={dialog === 'restart'}
        onClose={() => setDialog(null)}
        title={t('stages.restart')}
        label={t('stages.restartReason')}
        hint={t('stages.restartHint')}
        confirmLabel={t('stages.restart')}
        testId="restart-dialog"
        onConfirm={(reason) => confirmNote(actions.restart, t('stages.restartedOk'), reason)}
      />
      <NoteDialog
        open={dialog === 'return'}
        onClose={() => setDialog(null)}
        title={t('returnTitle')}
        label={t('returnNote')}
        hint={t('returnHint')}
        confirmLabel={t('return')}
        testId="return-dialog"
        onConfirm={(note) => confirmNote(actions.return, t('returnedOk'), note)}
      />
      <NoteDialog
        open={dialog === 'reject'}
        onClose={() => setDialog(null)}
        title={t('rejectTitle')}
        label={t('rejectReason')}
        hint={t('rejectHint')}
        confirmLabel={t('reject')}
        danger
        testId="reject-dialog"
        onConfirm={(note) => confirmNote(actions.reject, t('rejectedOk'), note)}
      />
      <NoteDialog
        open={dialog === 'unpublish'}
        onClose={() => setDialog(null)}
        title={t('unpublishTitle')}
        label={t('unpublishReason')}
        hint={t('unpublishHint')}
        confirmLabel={story.status === 'scheduled' ? t('cancelSchedule') : t('unpublish')}
        danger
        testId="unpublish-dialog"
        onConfirm={(note) => confirmNote(actions.unpublish, t('unpublishedOk'), note)}
      />
      {live?.mayPublishUpdate && (
        <PublishUpdateDialog
          key={`update-${stateKey}`}
          open={dialog === 'publish_update'}
          onClose={() => setDialog(null)}
          onConfirm={(input) => formAct(actions.publishUpdate, input, tLive('updatePublishedOk'))}
        />
      )}
      {live?.maySetExpiry && (
        <ExpiryDialog
          key={`expiry-${stateKey}`}
          open={dialog === 'expiry'}
          onClose={() => setDialog(null)}
          value={live.unpublishAt}
          current={live.unpublishAtLabel}
          onConfirm={(unpublishAt) => formAct(actions.setExpiry, { unpublishAt }, unpublishAt ? tLive('expirySavedOk') : tLive('expiryClearedOk'))}
        />
      )}
      {(allowed.publish || allowed.schedule) && (
        <PublishDialog
          key={publishSeed.opened}
          open={dialog === 'publish'}
          onClose={() => setDialog(null)}
          columns={columns}
          correspondents={correspondents}
          defaults={publishSeed.defaults}
          canPublishNow={allowed.publish}
          canSchedule={allowed.schedule}
          signOff={story.status === 'in_review' && stage ? { stageName: stage.name, stage: stage.index, opinionRequired: stage.opinionRequired } : null}
          onConfirm={(input) => formAct(actions.publish, input, input.when === 'schedule' ? t('scheduledOk') : t('publishedOk'))}
        />
      )}
    </div>
  );
}
