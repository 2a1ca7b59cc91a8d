'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

// Autosave for a story form: saves a few seconds after typing stops and when
// the page is hidden; keeps every keystroke in localStorage first, so a dead
// network or a closed tab never loses text; retries with backoff.

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
  const inFlight = useRef(false);
  const retryMs = useRef(2000);
  const saveRef = useRef(save);
  const stateRef = useRef(state);
  const flushRef = useRef<() => Promise<void>>(async () => {});
  useEffect(() => {
    saveRef.current = save;
    stateRef.current = state;
  });

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || pending.current === null || stateRef.current.kind === 'conflict') return;
    const fields = pending.current;
    inFlight.current = true;
    setState({ kind: 'saving' });
    let outcome: SaveOutcome;
    try {
      outcome = await saveRef.current(fields);
    } catch {
      outcome = { ok: false, retry: true };
    }
    inFlight.current = false;
    if (outcome.ok) {
      retryMs.current = 2000;
      // Typing during the save leaves newer text pending: save again soon.
      if (pending.current === fields) {
        pending.current = null;
        clearLocalCopy(storageKey);
        setState({ kind: 'saved', at: new Date() });
      } else {
        setState({ kind: 'dirty' });
        timer.current = setTimeout(() => void flushRef.current(), DEBOUNCE_MS);
      }
      return;
    }
    if (outcome.conflict) {
      setState({ kind: 'conflict' });
      return;
    }
    if (outcome.retry) {
      const wait = retryMs.current;
      retryMs.current = Math.min(wait * 2, MAX_RETRY_MS);
      setState({ kind: 'offline', retryInMs: wait });
      timer.current = setTimeout(() => void flushRef.current(), wait);
      return;
    }
    setState({ kind: 'error', message: outcome.message ?? '' });
  }, [storageKey]);
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
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [storageKey, getBaseVersion, enabled, flush],
  );

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const onOnline = () => void flush();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (pending.current !== null) {
        void flush();
        event.preventDefault();
      }
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('online', onOnline);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [flush]);

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
  const hasPending = () => pending.current !== null;

  return { state, change, flush, resolveConflict, discardPending, hasPending };
}
