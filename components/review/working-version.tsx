'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';

// The version of the story the editor on this page holds, for acts taken
// elsewhere on the page (restoring a revision): the editor saves what is on
// screen first and answers with the version that save produced, or null
// when it could not save. Without an editor, the page's version stands.
type Getter = () => Promise<number | null>;

const WorkingVersion = createContext<{ register: (getter: Getter | null) => void; get: Getter } | null>(null);

export function WorkingVersionProvider({ version, children }: { version: number; children: ReactNode }) {
  const getter = useRef<Getter | null>(null);
  const register = useCallback((next: Getter | null) => {
    getter.current = next;
  }, []);
  const get = useCallback(async () => (getter.current ? getter.current() : version), [version]);
  const value = useMemo(() => ({ register, get }), [register, get]);
  return <WorkingVersion.Provider value={value}>{children}</WorkingVersion.Provider>;
}

// The editor says how to reach its version, for as long as it is mounted.
export function useRegisterWorkingVersion(getter: Getter): void {
  const context = useContext(WorkingVersion);
  const latest = useRef(getter);
  useEffect(() => {
    latest.current = getter;
  });
  useEffect(() => {
    context?.register(() => latest.current());
    return () => context?.register(null);
  }, [context]);
}

export function useWorkingVersion(fallback: number): Getter {
  const context = useContext(WorkingVersion);
  return context?.get ?? (async () => fallback);
}
