'use client';

import { useTranslations } from 'next-intl';
import { Field, inputClass } from '@/components/ui/field';

// The signer's reason for publishing over forbidden words (lib/content-check):
// asked for in the publish and the update dialogs once the server has found some.
export function WordOverrideField({ value, onChange, error, testId }: { value: string; onChange: (value: string) => void; error?: string; testId: string }) {
  const t = useTranslations('review.words');
  return (
    <Field label={t('overrideReason')} name="wordOverrideReason" error={error} hint={t('overrideHint')}>
      <textarea
        id="wordOverrideReason"
        name="wordOverrideReason"
        rows={3}
        maxLength={2000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        className={inputClass}
        data-testid={testId}
      />
    </Field>
  );
}
