'use client';

import { useTranslations } from 'next-intl';
import type { SaveState } from './use-autosave';

function hhmm(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function SaveStatus({ state }: { state: SaveState }) {
  const t = useTranslations('story');
  const text = (() => {
    switch (state.kind) {
      case 'idle':
        return null;
      case 'dirty':
        return t('unsaved');
      case 'saving':
        return t('saving');
      case 'saved':
        return t('savedAt', { time: hhmm(state.at) });
      case 'offline':
        return t('offline');
      case 'conflict':
        return t('conflictTitle');
      case 'error':
        return state.message;
    }
  })();
  const tone = state.kind === 'offline' || state.kind === 'conflict' || state.kind === 'error' ? 'text-amber-800' : 'text-ink-500';
  return (
    // Always rendered (empty when idle) so the buttons below never jump
    // under the pointer when a status appears.
    <p className={`min-h-5 min-w-0 text-sm ${tone}`} role="status" aria-live="polite" data-testid="save-status">
      {text ?? ''}
    </p>
  );
}
