'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

// Autosave for a story form: saves a few seconds after typing stops, and at
// once when asked (leaving the page: see use-leave-guard.ts) or when the form
// goes away; keeps every change in localStorage first, so a dead network or a
// closed tab never loses text; retries with backoff.

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline'; retryInMs: number }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

export type SaveOutcome = { ok: true } | { ok: false; retry: boolean; conflict?: boolean; message?: string };

export type LocalCopy<T> = { savedAt: number; baseVersion: number; fields: T };

const DEBOUNCE_MS = 2500;
const MAX_RETRY_MS = 30_000;

export function readLocalCopy<T>(key: string): LocalCopy<T> | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy<T>) : null;
  } catch {
    return null;
  }
}

export function clearLocalCopy(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing to clear
  }
}

export function useAutosave<T>(options: {
  storageKey: string;
  // Read when a local copy is written: the version the text started from.
  getBaseVersion: () => number;
  save: (fields: T) => Promise<SaveOutcome>;
  enabled: boolean;
}) {
  const { storageKey, getBaseVersion, save, enabled } = options;
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<SaveOutcome> | null>(null);
  const retryMs = useRef(2000);
  const saveRef = useRef(save);
  const stateRef = useRef(state);
  const flushRef = useRef<() => Promise<boolean>>(async () => true);
  // After the form is gone (the user navigated away) nothing waits for a pause in typing.
  const unmounted = useRef(false);
  useEffect(() => {
    saveRef.current = save;
    stateRef.current = state;
  });

  const schedule = useCallback((wait: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current(), unmounted.current ? 0 : wait);
  }, []);

  // Saves what is waiting, now, after any save already under way; resolves
  // true when nothing is left unsaved.
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    if (stateRef.current.kind === 'conflict') return pending.current === null;
    if (pending.current === null) return true;
    const fields = pending.current;
    setState({ kind: 'saving' });
    const attempt = saveRef.current(fields).catch((): SaveOutcome => ({ ok: false, retry: true }));
    inFlight.current = attempt;
    const outcome = await attempt;
    inFlight.current = null;
    if (outcome.ok) {
      retryMs.current = 2000;
      if (pending.current === fields) {
        pending.current = null;
        clearLocalCopy(storageKey);
        setState({ kind: 'saved', at: new Date() });
        return true;
      }
      // Typed during the save: the newer text goes next.
      setState({ kind: 'dirty' });
      return flushRef.current();
    }
    if (outcome.conflict) {
      stateRef.current = { kind: 'conflict' };
      setState({ kind: 'conflict' });
      return false;
    }
    if (outcome.retry) {
      const wait = retryMs.current;
      retryMs.current = Math.min(wait * 2, MAX_RETRY_MS);
      setState({ kind: 'offline', retryInMs: wait });
      schedule(wait);
      return false;
    }
    setState({ kind: 'error', message: outcome.message ?? '' });
    return false;
  }, [storageKey, schedule]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const change = useCallback(
    (fields: T) => {
      pending.current = fields;
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ savedAt: Date.now(), baseVersion: getBaseVersion(), fields } satisfies LocalCopy<T>));
      } catch {
        // storage full or disabled: the server save still runs
      }
      if (!enabled) return;
      if (stateRef.current.kind !== 'offline' && stateRef.current.kind !== 'conflict') setState({ kind: 'dirty' });
      schedule(DEBOUNCE_MS);
    },
    [storageKey, getBaseVersion, enabled, schedule],
  );

  useEffect(() => {
    const onOnline = () => void flushRef.current();
    window.addEventListener('online', onOnline);
    unmounted.current = false;
    return () => {
      window.removeEventListener('online', onOnline);
      // Leaving the page: what is waiting is saved at once, not after the pause.
      unmounted.current = true;
      if (pending.current !== null) schedule(0);
    };
  }, [schedule]);

  const resolveConflict = useCallback(() => {
    // The ref too: a flush right after this must not see the old conflict.
    stateRef.current = { kind: 'dirty' };
    setState({ kind: 'dirty' });
  }, []);

  // The user chose the server's text: what was waiting to be saved is dropped.
  const discardPending = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    clearLocalCopy(storageKey);
    stateRef.current = { kind: 'idle' };
    setState({ kind: 'idle' });
  }, [storageKey]);
  // Text not yet confirmed by the server: waiting, or on its way.
  const hasPending = useCallback(() => pending.current !== null || inFlight.current !== null, []);

  return { state, change, flush, resolveConflict, discardPending, hasPending };
}
