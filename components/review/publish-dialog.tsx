'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { WordOverrideField } from './word-override-field';
import { Field, inputClass, Select, TextInput } from '@/components/ui/field';
import { timeZoneName } from '@/lib/i18n/zone-name';
import { useSiteTimeZone } from '@/lib/i18n/dates';

export type PublishDefaults = {
  columnId: number | null;
  source: string;
  byline: string;
  editorName: string;
  publicId: string;
  // datetime-local value in the site's zone, for the schedule field.
  publishAt: string;
  isHeadline: boolean;
  coCorrespondents: number[];
  // 到期撤下 (docs/live-articles.md): datetime-local in the site's zone, or empty.
  unpublishAt?: string;
};

export type CoCorrespondentOption = { id: number; displayName: string; unitName: string | null };

const MAX_CO_CORRESPONDENTS = 5;

export type PublishDialogProps = {
  open: boolean;
  onClose: () => void;
  columns: { id: number; name: string }[];
  // Who may share the byline (合作通讯员): correspondents but the owner.
  correspondents: CoCorrespondentOption[];
  defaults: PublishDefaults;
  canSchedule: boolean;
  canPublishNow: boolean;
  // Publishing from the review is the last stage's sign-off (签发): its
  // opinion goes with it, with the stage the signer saw.
  signOff?: { stageName: string; stage: number; opinionRequired: boolean } | null;
  // Resolves to null when published, else the message and field errors.
  onConfirm: (input: Record<string, string>) => Promise<{ message?: string; fieldErrors?: Record<string, string> } | null>;
};

// 采用并发布: what the public page will show, and when.
export function PublishDialog({ open, onClose, columns, correspondents, defaults, canSchedule, canPublishNow, signOff, onConfirm }: PublishDialogProps) {
  const t = useTranslations('review');
  const timeZone = useSiteTimeZone();
  const locale = useLocale();
  const [values, setValues] = useState(() => ({
    columnId: defaults.columnId ? String(defaults.columnId) : '',
    source: defaults.source,
    byline: defaults.byline,
    editorName: defaults.editorName,
    publicId: defaults.publicId,
    when: canPublishNow ? 'now' : 'schedule',
    publishAt: defaults.publishAt,
    unpublishAt: defaults.unpublishAt ?? '',
  }));
  const tLive = useTranslations('liveArticles.review');
  const [isHeadline, setHeadline] = useState(defaults.isHeadline);
  const [opinion, setOpinion] = useState('');
  const [signedFor, setSignedFor] = useState('');
  // Asked for only once the server found forbidden words (lib/content-check).
  const [overrideReason, setOverrideReason] = useState('');
  const [needsOverride, setNeedsOverride] = useState(false);
  const [credited, setCredited] = useState<number[]>(defaults.coCorrespondents);
  const byId = new Map(correspondents.map((c) => [c.id, c]));
  const choosable = correspondents.filter((c) => !credited.includes(c.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  return (
    <Dialog open={open} onClose={onClose} title={t('publishTitle')} testId="publish-dialog">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setPending(true);
          setMessage(null);
          const signed: Record<string, string> = signOff ? { opinion, stage: String(signOff.stage), signedForName: signedFor } : {};
          const override: Record<string, string> = needsOverride ? { wordOverrideReason: overrideReason } : {};
          const result = await onConfirm({ ...values, ...signed, ...override, isHeadline: isHeadline ? 'on' : '', coCorrespondents: credited.join(',') });
          setPending(false);
          if (result?.fieldErrors?.wordOverrideReason) setNeedsOverride(true);
          setErrors(result?.fieldErrors ?? {});
          setMessage(result?.message ?? null);
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('publishColumn')} name="columnId" error={errors.columnId}>
            <Select name="columnId" value={values.columnId} onChange={(e) => set({ columnId: e.target.value })} error={errors.columnId} required>
              <option value="">{t('chooseColumn')}</option>
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('publishSource')} name="source" error={errors.source} hint={t('publishSourceHint')}>
            <TextInput name="source" value={values.source} maxLength={40} onChange={(e) => set({ source: e.target.value })} error={errors.source} />
          </Field>
          <Field label={t('publishByline')} name="byline" error={errors.byline}>
            <TextInput name="byline" value={values.byline} maxLength={40} onChange={(e) => set({ byline: e.target.value })} error={errors.byline} required />
          </Field>
          <Field label={t('publishEditor')} name="editorName" error={errors.editorName} hint={t('publishEditorHint')}>
            <TextInput name="editorName" value={values.editorName} maxLength={40} onChange={(e) => set({ editorName: e.target.value })} error={errors.editorName} />
          </Field>
        </div>
        <Field label={`${t('publishPublicId')} (${t('optional')})`} name="publicId" error={errors.publicId} hint={t('publishPublicIdHint')}>
          <TextInput name="publicId" value={values.publicId} maxLength={64} placeholder="2026-lawyers-forum" onChange={(e) => set({ publicId: e.target.value })} error={errors.publicId} className="font-mono" />
        </Field>
        <Field label={t('publishCoCorrespondents')} name="coCorrespondents" error={errors.coCorrespondents} hint={t('publishCoCorrespondentsHint')}>
          <div className="space-y-2">
            {credited.length > 0 && (
              <ul className="flex flex-wrap gap-2" data-testid="co-correspondents">
                {credited.map((id) => (
                  <li key={id} className="inline-flex items-center gap-1 rounded-full border border-line bg-gray-50 py-0.5 pr-1 pl-3 text-sm">
                    {byId.get(id)?.displayName ?? `#${id}`}
                    <button
                      type="button"
                      onClick={() => setCredited((list) => list.filter((x) => x !== id))}
                      className="grid size-6 place-items-center rounded-full text-ink-500 hover:bg-gray-200 hover:text-ink-900"
                      aria-label={`${t('remove')} ${byId.get(id)?.displayName ?? ''}`}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {credited.length < MAX_CO_CORRESPONDENTS && (
              <Select
                name="coCorrespondents"
                value=""
                error={errors.coCorrespondents}
                onChange={(e) => {
                  const id = Number(e.target.value);
                  if (id) setCredited((list) => [...list, id]);
                }}
              >
                <option value="">{credited.length ? t('addCoCorrespondent') : t('coCorrespondentsNone')}</option>
                {choosable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.unitName ? t('personWithUnit', { name: c.displayName, unit: c.unitName }) : c.displayName}
                  </option>
                ))}
              </Select>
            )}
          </div>
        </Field>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="isHeadline" checked={isHeadline} onChange={(e) => setHeadline(e.target.checked)} className="mt-0.5" data-testid="publish-headline" />
          <span>
            <span className="font-medium text-ink-700">{t('publishHeadline')}</span>
            <span className="block text-xs text-ink-500">{t('publishHeadlineHint')}</span>
          </span>
        </label>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-ink-700">{t('publishWhen')}</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            {canPublishNow && (
              <label className="flex items-center gap-2">
                <input type="radio" name="when" value="now" checked={values.when === 'now'} onChange={() => set({ when: 'now' })} />
                {t('publishNow')}
              </label>
            )}
            {canSchedule && (
              <label className="flex items-center gap-2">
                <input type="radio" name="when" value="schedule" checked={values.when === 'schedule'} onChange={() => set({ when: 'schedule' })} />
                {t('publishLater')}
              </label>
            )}
          </div>
          {values.when === 'schedule' && (
            <Field label={t('publishAt', { timeZone: timeZoneName(timeZone, locale) })} name="publishAt" error={errors.publishAt}>
              <TextInput name="publishAt" type="datetime-local" value={values.publishAt} onChange={(e) => set({ publishAt: e.target.value })} error={errors.publishAt} required />
            </Field>
          )}
        </fieldset>
        <Field label={tLive('publishExpiry')} name="unpublishAt" error={errors.unpublishAt} hint={tLive('publishExpiryHint', { timeZone })}>
          <TextInput name="unpublishAt" type="datetime-local" value={values.unpublishAt} onChange={(e) => set({ unpublishAt: e.target.value })} error={errors.unpublishAt} data-testid="publish-unpublish-at" />
        </Field>
        {signOff && (
          <Field label={t('stages.signOffOpinion', { stage: signOff.stageName })} name="opinion" error={errors.opinion} hint={signOff.opinionRequired ? t('stages.opinionRequiredHint') : t('stages.opinionHint')}>
            <textarea
              id="opinion"
              name="opinion"
              rows={3}
              maxLength={2000}
              value={opinion}
              onChange={(e) => setOpinion(e.target.value)}
              aria-required={signOff.opinionRequired}
              aria-invalid={errors.opinion ? true : undefined}
              className={inputClass}
              data-testid="sign-off-opinion"
            />
          </Field>
        )}
        {signOff && (
          <Field label={t('stages.signedFor')} name="signedForName" error={errors.signedForName} hint={t('stages.signedForHint')}>
            <TextInput name="signedForName" value={signedFor} maxLength={40} onChange={(e) => setSignedFor(e.target.value)} error={errors.signedForName} data-testid="signed-for-name" />
          </Field>
        )}
        {needsOverride && (
          <WordOverrideField value={overrideReason} onChange={setOverrideReason} error={errors.wordOverrideReason} testId="word-override-reason" />
        )}
        {message && message !== errors.wordOverrideReason && <Alert tone="error">{message}</Alert>}
        <DialogActions cancelLabel={t('cancel')} onCancel={onClose}>
          <Button type="submit" disabled={pending} data-testid="confirm-publish">
            {pending ? t('working') : values.when === 'schedule' ? t('confirmSchedule') : t('confirmPublish')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
