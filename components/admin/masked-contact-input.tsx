'use client';

import { useReveal } from '@/components/portal/use-reveal';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/field';
import type { ActionState } from '@/lib/action-result';

export type MaskedContact = {
  // As shown until revealed: 138****5678.
  text: string;
  // Reads it in full (audited); absent where the viewer may not.
  reveal?: () => Promise<ActionState>;
};

export type MaskedContactInputProps = {
  name: 'email' | 'phone';
  type: 'email' | 'tel';
  maxLength: number;
  masked: MaskedContact;
  buttonText: string;
  buttonLabel: string;
};

// A contact field the site masks: shown masked and disabled, so the form does
// not send it and the value is kept; "show" reveals it (audited) into an
// ordinary field to read or change.
export function MaskedContactInput({ name, type, maxLength, masked, buttonText, buttonLabel }: MaskedContactInputProps) {
  const { value, error, pending, run } = useReveal(masked.reveal);

  if (value !== null) return <TextInput name={name} type={type} maxLength={maxLength} autoComplete="off" defaultValue={value} data-testid={`${name}-revealed`} />;
  return (
    <div>
      <div className="flex gap-2">
        <TextInput name={name} type="text" disabled value={masked.text} readOnly className="min-w-0 flex-1 bg-gray-50 text-ink-500" data-testid={`${name}-masked`} />
        {masked.reveal && (
          <Button variant="secondary" disabled={pending} aria-label={buttonLabel} data-testid={`${name}-reveal`} onClick={run}>
            {buttonText}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
