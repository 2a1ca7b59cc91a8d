'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, useTransition, type Ref } from 'react';
import { StoryEditor, type EditorNotice, type StoryEditorHandle } from '@/components/editor/story-editor';
import { TextCheckPanel } from '@/components/editor/text-check-panel';
import { useTextCheck } from '@/components/editor/use-text-check';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { SubmitConfirmDialog, type SecrecyConfirmation } from './submit-confirm-dialog';
import { CautionConfirmDialog } from './caution-confirm-dialog';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput, inputClass } from '@/components/ui/field';
import type { SaveResult, StorySnapshot } from '@/lib/stories/snapshot';
import { clearLocalCopy, readLocalCopy, useAutosave, type LocalCopy, type SaveOutcome } from './use-autosave';
import { SaveStatus } from './save-status';
import { ConflictPanel } from './conflict-panel';
import { DocxImportButton } from './docx-import-button';
import { useLeaveGuard } from './use-leave-guard';
import { noteStoryCreated, storyCreatedBeforeReload } from './created-before-reload';
import { checkReadyToSubmit, type SubmitProblems } from '@/lib/stories/ready-to-submit';

// The body's words, as the server counts them for "too short".
function bodyTextOf(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}

// The part of a story the form edits.
export type StoryFormFields = Pick<StorySnapshot, 'title' | 'subtitle' | 'columnId' | 'byline' | 'source' | 'summary' | 'bodyHtml'>;

export type StoryFormActions = {
  save: (id: number | null, version: number, fields: StoryFormFields) => Promise<SaveResult>;
  // The desk's submit; the review desk has its own actions around the form.
  submit?: (id: number, version: number, confirmation?: Partial<SecrecyConfirmation> & { cautionsAcknowledged?: boolean }) => Promise<SaveResult>;
};

// What the review desk asks of the form before acting on the story: save
// whatever is on screen and say at which version it now stands (null: it
// could not be saved, e.g. offline or in conflict).
export type StoryFormHandle = { flush: () => Promise<number | null>; fields: () => StoryFormFields };

export type StoryFormProps = {
  story: StorySnapshot | null;
  columns: { id: number; name: string }[];
  defaultByline: string;
  actions: StoryFormActions;
  // 'desk': the correspondent's form (Word import, submit); 'review': an editor's.
  mode?: 'desk' | 'review';
  handleRef?: Ref<StoryFormHandle>;
  // The site asks for the unit's confidentiality check at submit (保密审查).
  secrecyCheck?: boolean;
  // A new story's page heading, which becomes the edit heading once the
  // first autosave has created the story (the address changes with it).
  heading?: { whileNew: string; onceCreated: string };
};

function fieldsOf(story: StorySnapshot | null, defaultByline: string): StoryFormFields {
  return {
    title: story?.title ?? '',
    subtitle: story?.subtitle ?? '',
    columnId: story?.columnId ?? null,
    byline: story?.byline || defaultByline,
    source: story?.source ?? '',
    summary: story?.summary ?? '',
    bodyHtml: story?.bodyHtml ?? '',
  };
}

// The correspondent's writing form: fields, the rich-text body, autosave that
// never loses text, and submit.
export function StoryForm({ story, columns, defaultByline, actions, mode = 'desk', handleRef, secrecyCheck = false, heading }: StoryFormProps) {
  const [confirming, setConfirming] = useState(false);
  // Caution words the server listed at submit, and the 保密审查 given with it.
  const [caution, setCaution] = useState<{ message: string; confirmation?: SecrecyConfirmation } | null>(null);
  const t = useTranslations('story');
  const tErrors = useTranslations('errors');
  const router = useRouter();
  const [fields, setFields] = useState<StoryFormFields>(() => fieldsOf(story, defaultByline));
  const [editorKey, setEditorKey] = useState(0);
  const idRef = useRef<number | null>(story?.id ?? null);
  const [storyId, setStoryId] = useState<number | null>(story?.id ?? null);
  const versionRef = useRef<number>(story?.version ?? 1);
  // Callbacks (editor, import, conflict, submit) need the latest fields
  // between renders, so they live in a ref as well as in state.
  const fieldsRef = useRef(fields);
  // The fields as the server last confirmed them (see the effect below).
  const lastSavedRef = useRef<string>(JSON.stringify(fieldsOf(story, defaultByline)));
  const [conflict, setConflict] = useState<StorySnapshot | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  // Said at the editor: uploads and Word imports.
  const [bodyNotice, setBodyNotice] = useState<EditorNotice | null>(null);
  const [submitting, startSubmit] = useTransition();
  const storageKey = `tougao:${mode === 'review' ? 'review' : 'story'}:${story?.id ?? 'new'}`;
  const [localCopy, setLocalCopy] = useState<LocalCopy<StoryFormFields> | null>(null);
  const editorRef = useRef<StoryEditorHandle>(null);
  // A save that ends after the user left must not rewrite the address of the page they went to.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const save = useCallback(
    async (next: StoryFormFields): Promise<SaveOutcome> => {
      const result = await actions.save(idRef.current, versionRef.current, next);
      if (result.ok) {
        const wasNew = idRef.current === null;
        idRef.current = result.story.id;
        versionRef.current = result.story.version;
        lastSavedRef.current = JSON.stringify(fieldsOf(result.story, defaultByline));
        setStoryId(result.story.id);
        setFieldErrors({});
        if (wasNew) {
          clearLocalCopy('tougao:story:new');
          noteStoryCreated(result.story.id);
          if (mounted.current) window.history.replaceState(null, '', `/desk/${result.story.id}`);
        }
        return { ok: true };
      }
      if (result.conflict) {
        setConflict(result.conflict);
        return { ok: false, retry: false, conflict: true };
      }
      // The database is away: the text stays in this browser and goes again.
      if (result.state.retryable) return { ok: false, retry: true };
      setFieldErrors(result.state.fieldErrors ?? {});
      return { ok: false, retry: false, message: result.state.message };
    },
    [actions, defaultByline],
  );

  // A newer version from the server with the text we last saved is a state
  // change (claimed, returned…), not someone else's edit: adopt its version.
  // Different text is left alone, so the next save surfaces the conflict.
  useEffect(() => {
    if (story && story.version > versionRef.current && JSON.stringify(fieldsOf(story, defaultByline)) === lastSavedRef.current) {
      versionRef.current = story.version;
    }
  }, [story, defaultByline]);

  const getBaseVersion = useCallback(() => versionRef.current, []);
  const autosave = useAutosave<StoryFormFields>({ storageKey, getBaseVersion, save, enabled: true });

  // The editor reports typing after a short pause; leaving, saving and
  // submitting cannot wait for it.
  const collectEditor = () => editorRef.current?.flush();
  // Everything on screen, saved now (the save button, submit).
  const saveOnScreen = () => {
    collectEditor();
    autosave.change(fieldsRef.current);
    return autosave.flush();
  };

  useLeaveGuard({
    hasUnsaved: () => {
      collectEditor();
      return autosave.hasPending();
    },
    saveNow: () => {
      collectEditor();
      return autosave.flush();
    },
    confirmLeave: t('leaveUnsaved'),
  });

  useImperativeHandle(
    handleRef,
    () => ({
      flush: async () => {
        collectEditor();
        await autosave.flush();
        return autosave.hasPending() || conflict ? null : versionRef.current;
      },
      fields: () => fieldsRef.current,
    }),
    [autosave, conflict],
  );

  useEffect(() => {
    if (!story && mode === 'desk') {
      const created = storyCreatedBeforeReload();
      if (created) return router.replace(`/desk/${created}`);
    }
    const copy = readLocalCopy<StoryFormFields>(storageKey);
    const serverTime = story ? Date.parse(story.updatedAt) : 0;
    if (copy && copy.savedAt > serverTime && JSON.stringify(copy.fields) !== JSON.stringify(fieldsOf(story, defaultByline))) {
      // Shown once after mount: text this browser kept that never reached the server.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setLocalCopy(copy);
    }
  }, [storageKey, story, defaultByline, mode, router]);

  const update = (patch: Partial<StoryFormFields>) => {
    const next = { ...fieldsRef.current, ...patch };
    fieldsRef.current = next;
    setFields(next);
    autosave.change(next);
  };
  // 文字检查: hits in the fields and the body; a replacement in a field comes back here.
  const checker = useTextCheck(fields, (field, value) => update({ [field]: value }));

  const restoreLocal = () => {
    if (!localCopy) return;
    fieldsRef.current = localCopy.fields;
    setFields(localCopy.fields);
    setEditorKey((k) => k + 1);
    autosave.change(localCopy.fields);
    setLocalCopy(null);
  };

  const keepMine = () => {
    if (!conflict) return;
    versionRef.current = conflict.version;
    setConflict(null);
    autosave.resolveConflict();
    autosave.change(fieldsRef.current);
    void autosave.flush();
  };

  const takeTheirs = () => {
    if (!conflict) return;
    const theirs = fieldsOf(conflict, defaultByline);
    versionRef.current = conflict.version;
    lastSavedRef.current = JSON.stringify(theirs);
    fieldsRef.current = theirs;
    setFields(theirs);
    setEditorKey((k) => k + 1);
    setConflict(null);
    autosave.discardPending();
  };

  // What the server would refuse is said before anyone is asked to confirm.
  const showSubmitProblems = (problems: SubmitProblems) => {
    const say = (problem: SubmitProblems[keyof SubmitProblems]) => (problem === 'body_too_short' ? tErrors('fields.body_too_short') : tErrors('fields.required'));
    setFieldErrors(Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, say(problem)])));
    setMessage({ tone: 'error', text: tErrors('validation') });
    if (problems.title) document.getElementById('title')?.focus();
    else if (problems.columnId) document.getElementById('columnId')?.focus();
    else editorRef.current?.focus();
  };

  const submit = () => {
    if (!actions.submit) return;
    if (conflict) {
      setMessage({ tone: 'error', text: t('conflictTitle') });
      return;
    }
    collectEditor();
    const onScreen = fieldsRef.current;
    const problems = checkReadyToSubmit({ title: onScreen.title, columnId: onScreen.columnId, bodyText: bodyTextOf(onScreen.bodyHtml) });
    if (problems) {
      showSubmitProblems(problems);
      return;
    }
    if (secrecyCheck) {
      setConfirming(true);
      return;
    }
    if (!window.confirm(t('submitConfirm'))) return;
    startSubmit(async () => {
      setMessage(null);
      // Whatever is on screen is saved first; then submitted at that version.
      await saveOnScreen();
      if (autosave.hasPending() || idRef.current === null) {
        setMessage({ tone: 'error', text: t('offline') });
        return;
      }
      const result = await actions.submit!(idRef.current, versionRef.current);
      if (!result.ok && result.state.fieldErrors?.contentCaution) {
        setCaution({ message: result.state.message ?? '' });
        return;
      }
      if (result.ok) {
        clearLocalCopy(storageKey);
        setMessage({ tone: 'success', text: t('submittedOk', { receiptNo: result.story.receiptNo ?? '' }) });
        router.refresh();
      } else {
        setFieldErrors(result.state.fieldErrors ?? {});
        setMessage({ tone: 'error', text: result.state.message ?? '' });
      }
    });
  };

  // With the confirmation: the dialog shows what is missing beside its fields.
  const submitConfirmed = async (confirmation: SecrecyConfirmation) => {
    if (!actions.submit) return null;
    await saveOnScreen();
    if (autosave.hasPending() || idRef.current === null) return { message: t('offline') };
    const result = await actions.submit(idRef.current, versionRef.current, confirmation);
    if (!result.ok && result.state.fieldErrors?.contentCaution) {
      setConfirming(false);
      setCaution({ message: result.state.message ?? '', confirmation });
      return null;
    }
    if (!result.ok) {
      const all = result.state.fieldErrors ?? {};
      const { secrecyConfirmed, unitLeaderName, ...rest } = all;
      setFieldErrors(rest);
      const inDialog = Object.fromEntries(Object.entries({ secrecyConfirmed, unitLeaderName }).filter(([, v]) => v)) as Record<string, string>;
      // Problems of the story itself (a missing title) are shown on the form.
      if (Object.keys(rest).length) {
        setConfirming(false);
        setMessage({ tone: 'error', text: result.state.message ?? '' });
        return null;
      }
      return { message: Object.keys(inDialog).length ? undefined : result.state.message, fieldErrors: inDialog };
    }
    setConfirming(false);
    clearLocalCopy(storageKey);
    setMessage({ tone: 'success', text: t('submittedOk', { receiptNo: result.story.receiptNo ?? '' }) });
    router.refresh();
    return null;
  };

  // Acknowledged: the same version submitted again, with what the secrecy dialog held.
  const submitAcknowledged = async () => {
    if (!actions.submit || idRef.current === null || !caution) return;
    const result = await actions.submit(idRef.current, versionRef.current, { ...caution.confirmation, cautionsAcknowledged: true });
    setCaution(null);
    if (!result.ok) {
      setFieldErrors(result.state.fieldErrors ?? {});
      setMessage({ tone: 'error', text: result.state.message ?? '' });
      return;
    }
    clearLocalCopy(storageKey);
    setMessage({ tone: 'success', text: t('submittedOk', { receiptNo: result.story.receiptNo ?? '' }) });
    router.refresh();
  };

  const e = fieldErrors;
  const created = heading !== undefined && storyId !== null;
  useEffect(() => {
    if (created) document.title = document.title.replace(heading.whileNew, heading.onceCreated);
  }, [created, heading]);

  return (
    <div className="space-y-4">
      {heading && <PageHeader title={created ? heading.onceCreated : heading.whileNew} />}
      {localCopy && (
        <Alert tone="warning">
          <div className="flex flex-wrap items-center gap-3">
            <span>{t('localRestore', { time: new Date(localCopy.savedAt).toLocaleTimeString() })}</span>
            <Button variant="secondary" onClick={restoreLocal}>
              {t('restore')}
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                clearLocalCopy(storageKey);
                setLocalCopy(null);
              }}
            >
              {t('discardLocal')}
            </Button>
          </div>
        </Alert>
      )}
      {conflict && <ConflictPanel mine={fields} theirs={conflict} onKeepMine={keepMine} onTakeTheirs={takeTheirs} />}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}

      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0 space-y-4">
          <Field label={t('title')} name="title" error={e.title}>
            <TextInput name="title" value={fields.title} maxLength={80} placeholder={t('titlePlaceholder')} onChange={(ev) => update({ title: ev.target.value })} error={e.title} className="text-lg font-semibold" />
          </Field>
          <Field label={`${t('subtitle')} (${t('optional')})`} name="subtitle" error={e.subtitle}>
            <TextInput name="subtitle" value={fields.subtitle} maxLength={80} onChange={(ev) => update({ subtitle: ev.target.value })} error={e.subtitle} />
          </Field>
          <div>
            <div className="mb-1.5 flex items-center justify-between gap-2">
              <span className="text-sm font-medium text-ink-700">{t('body')}</span>
              {mode === 'desk' && (
              <DocxImportButton
                storyId={storyId}
                onImported={(html, title) => {
                  if (fieldsRef.current.bodyHtml.trim() && !window.confirm(t('importReplaceConfirm'))) return;
                  update({ bodyHtml: html, ...(title && !fieldsRef.current.title ? { title } : {}) });
                  setEditorKey((k) => k + 1);
                  setBodyNotice({ tone: 'success', text: t('importDone') });
                  // A whole document arrived at once: it is saved now, not after a pause.
                  void autosave.flush();
                }}
                onError={(text) => setBodyNotice({ tone: 'error', text })}
              />
              )}
            </div>
            <StoryEditor key={editorKey} ref={editorRef} initialHtml={fields.bodyHtml} storyId={storyId ?? undefined} onChange={(html) => update({ bodyHtml: html })} ariaLabel={t('body')} checker={checker} notice={bodyNotice} onNoticeChange={setBodyNotice} />
            {e.bodyHtml && (
              <p className="mt-1 text-sm text-red-700" role="alert">
                {e.bodyHtml}
              </p>
            )}
          </div>
        </div>

        <aside className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
          <div className="space-y-4 rounded-lg border border-line bg-white p-4">
            <Field label={t('column')} name="columnId" error={e.columnId}>
              <Select name="columnId" value={fields.columnId ?? ''} onChange={(ev) => update({ columnId: ev.target.value ? Number(ev.target.value) : null })} error={e.columnId}>
                <option value="">{t('chooseColumn')}</option>
                {columns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('byline')} name="byline" error={e.byline} hint={t('bylineHint')}>
              <TextInput name="byline" value={fields.byline} maxLength={40} onChange={(ev) => update({ byline: ev.target.value })} error={e.byline} />
            </Field>
            <Field label={`${t('source')} (${t('optional')})`} name="source" error={e.source} hint={t('sourceHint')}>
              <TextInput name="source" value={fields.source} maxLength={40} onChange={(ev) => update({ source: ev.target.value })} error={e.source} />
            </Field>
            <Field label={`${t('summary')} (${t('optional')})`} name="summary" error={e.summary} hint={t('summaryHint')}>
              <textarea id="summary" name="summary" rows={3} maxLength={200} value={fields.summary} onChange={(ev) => update({ summary: ev.target.value })} className={inputClass} />
            </Field>
          </div>
          {/* On a phone the buttons stay at the foot of the screen however long the
              story; the page keeps its last lines clear of them (globals.css). */}
          <div
            className="space-y-3 rounded-lg border border-line bg-white p-4 max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-20 max-lg:flex max-lg:items-center max-lg:justify-between max-lg:gap-3 max-lg:space-y-0 max-lg:rounded-none max-lg:border-x-0 max-lg:border-b-0 max-lg:pt-2.5 max-lg:pr-[max(1rem,env(safe-area-inset-right))] max-lg:pb-[calc(0.625rem+env(safe-area-inset-bottom))] max-lg:pl-[max(1rem,env(safe-area-inset-left))] max-lg:shadow-[0_-2px_8px_rgb(0_0_0/0.06)]"
            data-testid="story-actions"
            data-phone-action-bar
          >
            <SaveStatus state={autosave.state} />
            <div className="flex shrink-0 flex-wrap gap-2">
              <Button
                variant="secondary"
                onClick={() => void saveOnScreen()}
              >
                {t('save')}
              </Button>
              {actions.submit && (
                <Button onClick={submit} disabled={submitting} data-testid="submit-story">
                  {submitting ? t('submitting') : t('submit')}
                </Button>
              )}
            </div>
          </div>
          <TextCheckPanel checker={checker} className="order-first lg:order-none" />
        </aside>
      </div>
      <CautionConfirmDialog message={caution?.message ?? null} onClose={() => setCaution(null)} onConfirm={submitAcknowledged} />
      {secrecyCheck && <SubmitConfirmDialog open={confirming} onClose={() => setConfirming(false)} onConfirm={submitConfirmed} />}
    </div>
  );
}
