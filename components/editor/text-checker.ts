import type { EditorState, Transaction } from '@tiptap/pm/state';
import type { CheckCategory, CheckField, CheckHit } from '@/lib/content-check/types';
import { checkDecorations, findHitRange, setCheckDecorations } from './check-decorations';
import { acceptHits, buildDecorations, extractBodyText, isReplaceable, replaceRanges, type BodyText, type CheckedHit } from './check-text';

// The word check as the writer sees it, outside React: after a pause in
// typing (and at load) the texts go to POST /api/content-check and the hits
// that come back become marks in the body and rows in the side panel.
//
// Typing pays nothing for it: a change only bumps a counter and restarts a
// timer; the body's text is read when the timer fires, in an idle moment.
// At most one request is in flight (a newer text aborts it), an answer for
// text that has changed since is not shown, and the same text is never sent
// twice in a row.

export type CheckFieldValues = Record<Exclude<CheckField, 'body'>, string>;

// What the checker needs of an editor (a TipTap editor in the app, a bare
// EditorState in the tests).
export type CheckedEditor = {
  getState: () => EditorState;
  dispatch: (tr: Transaction) => void;
  onDocChange: (listener: () => void) => () => void;
  // Select the range, scroll it into view and give the editor the focus.
  select: (from: number, to: number) => void;
  isEditable: () => boolean;
};

export type TextCheckStatus = 'idle' | 'checking' | 'ready' | 'error';

export type TextCheckSnapshot = {
  status: TextCheckStatus;
  hits: readonly CheckedHit[];
  // Checking as one types; off, only the panel's "check now" checks.
  auto: boolean;
  // Whether the shown hits are for text that has changed since (known when
  // the next check starts, or at once while checking as one types is off).
  stale: boolean;
  // The panel's list is shown (the editor's status line can open it).
  open: boolean;
};

export type TextCheckerOptions = {
  endpoint?: string;
  fetch?: typeof fetch;
  // Pause after the last change before checking (ms), and the longest a
  // check waits while changes keep coming.
  delay?: number;
  maxWait?: number;
  // Runs work when the browser is idle; setTimeout where there is no
  // requestIdleCallback (and in tests).
  idle?: (run: () => void) => void;
  auto?: boolean;
};

type Payload = CheckFieldValues & { body: string };
type Request = { payload: Payload; body: BodyText; generation: number; abort: AbortController };

const EMPTY_FIELDS: CheckFieldValues = { title: '', subtitle: '', summary: '', byline: '' };
const CATEGORIES: readonly CheckCategory[] = ['forbidden', 'caution', 'correction', 'name', 'personal'];
const FIELDS: readonly CheckField[] = ['title', 'subtitle', 'summary', 'byline', 'body'];

function samePayload(a: Payload, b: Payload): boolean {
  return a.title === b.title && a.subtitle === b.subtitle && a.summary === b.summary && a.byline === b.byline && a.body === b.body;
}

// The answer's hits, each checked for shape; anything else is dropped.
export function parseHits(data: unknown): CheckHit[] | null {
  const hits = (data as { hits?: unknown } | null)?.hits;
  if (!Array.isArray(hits)) return null;
  return hits.filter((h): h is CheckHit => {
    const hit = h as Partial<CheckHit> | null;
    return (
      !!hit &&
      FIELDS.includes(hit.field as CheckField) &&
      CATEGORIES.includes(hit.category as CheckCategory) &&
      Number.isInteger(hit.start) &&
      Number.isInteger(hit.end) &&
      typeof hit.text === 'string' &&
      (hit.suggestion === undefined || typeof hit.suggestion === 'string') &&
      (hit.detail === undefined || typeof hit.detail === 'string')
    );
  });
}

function browserIdle(run: () => void): void {
  if (typeof window !== 'undefined' && 'requestIdleCallback' in window) window.requestIdleCallback(() => run(), { timeout: 500 });
  else setTimeout(run, 0);
}

export class TextChecker {
  private editor: CheckedEditor | null = null;
  private detach: (() => void) | null = null;
  private fields: CheckFieldValues = EMPTY_FIELDS;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstChangeAt: number | null = null;
  private lastChangeAt = 0;
  private inFlight: Request | null = null;
  // The last answer, for the text it answered: a change that comes back to
  // that text (bold on, bold off) is redrawn from it without asking again.
  private answered: { payload: Payload; hits: CheckHit[] } | null = null;
  private snapshot: TextCheckSnapshot;
  private readonly listeners = new Set<() => void>();
  private describe: (hit: CheckedHit) => string = (hit) => hit.category;
  private onFieldReplaced: ((field: Exclude<CheckField, 'body'>, value: string) => void) | null = null;
  private focusField: ((field: Exclude<CheckField, 'body'>, start: number, end: number) => void) | null = null;
  private readonly endpoint: string;
  private readonly fetcher: typeof fetch;
  private readonly delay: number;
  private readonly maxWait: number;
  private readonly idle: (run: () => void) => void;
  private stopped = false;

  constructor(options: TextCheckerOptions = {}) {
    this.endpoint = options.endpoint ?? '/api/content-check';
    this.fetcher = options.fetch ?? ((...args) => fetch(...args));
    this.delay = options.delay ?? 700;
    this.maxWait = options.maxWait ?? 5000;
    this.idle = options.idle ?? browserIdle;
    this.snapshot = { status: 'idle', hits: [], auto: options.auto ?? true, stale: false, open: true };
  }

  // React's useSyncExternalStore.
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TextCheckSnapshot => this.snapshot;

  private publish(patch: Partial<TextCheckSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (Object.keys(patch).every((k) => next[k as keyof TextCheckSnapshot] === this.snapshot[k as keyof TextCheckSnapshot])) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  setOpen(open: boolean): void {
    this.publish({ open });
  }

  setDescribe(describe: (hit: CheckedHit) => string): void {
    this.describe = describe;
  }

  setFieldHandlers(handlers: { replaced: (field: Exclude<CheckField, 'body'>, value: string) => void; focus: (field: Exclude<CheckField, 'body'>, start: number, end: number) => void }): void {
    this.onFieldReplaced = handlers.replaced;
    this.focusField = handlers.focus;
  }

  // A new editor (the form remounts it to replace the body) takes over; the
  // first check of its text runs at once.
  attach(editor: CheckedEditor): () => void {
    this.detach?.();
    this.editor = editor;
    this.answered = null;
    const off = editor.onDocChange(this.changed);
    this.detach = () => {
      off();
      if (this.editor === editor) this.editor = null;
    };
    this.generation += 1;
    this.checkSoon();
    const detach = this.detach;
    return () => {
      detach();
      if (this.detach === detach) this.detach = null;
    };
  }

  setFields(fields: CheckFieldValues): void {
    const f = this.fields;
    if (f.title === fields.title && f.subtitle === fields.subtitle && f.summary === fields.summary && f.byline === fields.byline) return;
    this.fields = { title: fields.title, subtitle: fields.subtitle, summary: fields.summary, byline: fields.byline };
    this.changed();
  }

  setAuto(auto: boolean): void {
    if (auto === this.snapshot.auto) return;
    this.publish({ auto });
    if (auto) this.checkSoon();
    else {
      this.cancel();
      this.clear();
    }
  }

  // The panel's "check now" (also when checking as one types is off).
  checkNow = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstChangeAt = null;
    this.run(true);
  };

  // The form unmounts (React may mount it again: start() undoes this).
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.checkSoon();
  }

  // On every keystroke: a counter and a time, nothing more. The one timer
  // runs on and, when it fires early, waits for the rest of the pause.
  private changed = (): void => {
    this.generation += 1;
    if (!this.snapshot.auto) {
      if (!this.snapshot.stale && this.snapshot.hits.length) this.publish({ stale: true });
      return;
    }
    const now = Date.now();
    this.firstChangeAt ??= now;
    this.lastChangeAt = now;
    this.timer ??= setTimeout(this.fire, this.delay);
  };

  private checkSoon(): void {
    if (!this.snapshot.auto) return;
    if (this.timer) clearTimeout(this.timer);
    this.firstChangeAt = null;
    this.timer = setTimeout(this.fire, 0);
  }

  private fire = (): void => {
    const now = Date.now();
    const quietFor = now - this.lastChangeAt;
    if (this.firstChangeAt !== null && quietFor < this.delay && now - this.firstChangeAt < this.maxWait) {
      this.timer = setTimeout(this.fire, Math.min(this.delay - quietFor, this.firstChangeAt + this.maxWait - now));
      return;
    }
    this.timer = null;
    this.firstChangeAt = null;
    this.idle(() => this.run(false));
  };

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstChangeAt = null;
    this.inFlight?.abort.abort();
    this.inFlight = null;
  }

  private clear(): void {
    const editor = this.editor;
    if (editor && checkDecorations(editor.getState()).find().length) editor.dispatch(setCheckDecorations(editor.getState().tr, []));
    this.answered = null;
    this.publish({ hits: [], status: 'idle', stale: false });
  }

  private run(force: boolean): void {
    const editor = this.editor;
    if (this.stopped || !editor || (!force && !this.snapshot.auto)) return;
    const state = editor.getState();
    const body = extractBodyText(state.doc);
    const payload: Payload = { ...this.fields, body: body.text };
    if (this.answered && samePayload(this.answered.payload, payload)) {
      this.inFlight?.abort.abort();
      this.inFlight = null;
      this.show(this.answered.hits, payload, body);
      return;
    }
    if (this.inFlight && samePayload(this.inFlight.payload, payload)) {
      // Same text, newer document (formatting): the answer is good for it.
      this.inFlight.body = body;
      this.inFlight.generation = this.generation;
      return;
    }
    this.inFlight?.abort.abort();
    const request: Request = { payload, body, generation: this.generation, abort: new AbortController() };
    this.inFlight = request;
    // The panel learns of the change here, off the keystroke: a render of it on
    // every first key after an answer would hold that key up.
    this.publish({ status: 'checking', stale: this.snapshot.hits.length > 0 });
    void this.send(request);
  }

  private async send(request: Request): Promise<void> {
    let hits: CheckHit[] | null = null;
    try {
      const response = await this.fetcher(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(request.payload),
        signal: request.abort.signal,
      });
      if (response.ok) hits = parseHits(await response.json().catch(() => null));
    } catch {
      // Offline or aborted: handled below.
    }
    if (this.inFlight !== request || this.stopped) return;
    this.inFlight = null;
    if (!hits) {
      this.publish({ status: 'error' });
      return;
    }
    this.answered = { payload: request.payload, hits };
    if (request.generation === this.generation) {
      // Drawn when the browser is idle, and only if nothing changed meanwhile.
      this.idle(() => {
        if (request.generation === this.generation && !this.stopped) this.show(hits, request.payload, request.body);
        else if (!this.timer) this.checkSoon();
      });
    }
    // The text changed meanwhile: its own check is due (or was waiting for this one).
    else if (!this.timer) this.checkSoon();
  }

  private show(hits: readonly CheckHit[], payload: Payload, body: BodyText): void {
    const editor = this.editor;
    if (!editor) return;
    const checked = acceptHits(hits, payload);
    const state = editor.getState();
    editor.dispatch(setCheckDecorations(state.tr, buildDecorations(body, checked, this.describe)));
    this.publish({ status: 'ready', hits: checked, stale: false });
  }

  // Selects the hit in the editor (or its field). False when its text has
  // been edited since the check.
  jumpTo(shown: CheckedHit): boolean {
    const hit = this.current(shown);
    if (hit.field !== 'body') {
      if (this.fields[hit.field].slice(hit.start, hit.end) !== hit.text) return this.recheck();
      this.focusField?.(hit.field, hit.start, hit.end);
      return true;
    }
    const editor = this.editor;
    const range = editor ? findHitRange(editor.getState(), hit.id) : null;
    if (!editor || !range) return this.recheck();
    editor.select(range.from, range.to);
    return true;
  }

  // Replaces exactly the hit's range with its suggestion: in the body as one
  // step of the editor's history (undo brings it back), in a field through
  // the form. Then checks again.
  replace(hit: CheckedHit): boolean {
    return this.replaceAll([hit]) > 0;
  }

  // Returns how many were replaced.
  replaceAll(shown: readonly CheckedHit[]): number {
    const editor = this.editor;
    const replaceable = shown.map((h) => this.current(h)).filter(isReplaceable);
    if (!replaceable.length || (editor && !editor.isEditable())) return 0;
    let done = 0;
    const bodyHits = replaceable.filter((h) => h.field === 'body');
    if (bodyHits.length && editor) {
      const state = editor.getState();
      const ranges = bodyHits
        .map((hit) => ({ hit, range: findHitRange(state, hit.id) }))
        .filter((r): r is { hit: CheckedHit & { suggestion: string }; range: { from: number; to: number } } => !!r.range && state.doc.textBetween(r.range.from, r.range.to, '\n', '\n') === r.hit.text)
        .sort((a, b) => b.range.from - a.range.from);
      if (ranges.length) {
        const tr = state.tr;
        let lastFrom = Infinity;
        for (const { hit, range } of ranges) {
          // Overlapping hits: the later one in the text wins, the other waits for the next check.
          if (range.to > lastFrom) continue;
          tr.insertText(hit.suggestion, range.from, range.to);
          lastFrom = range.from;
          done += 1;
        }
        editor.dispatch(tr.scrollIntoView());
      }
    }
    const byField = new Map<Exclude<CheckField, 'body'>, (CheckedHit & { suggestion: string })[]>();
    for (const hit of replaceable) {
      if (hit.field === 'body') continue;
      if (this.fields[hit.field].slice(hit.start, hit.end) !== hit.text) continue;
      byField.set(hit.field, [...(byField.get(hit.field) ?? []), hit]);
    }
    for (const [field, fieldHits] of byField) {
      const value = replaceRanges(
        this.fields[field],
        fieldHits.map((h) => ({ start: h.start, end: h.end, text: h.suggestion })),
      );
      this.fields = { ...this.fields, [field]: value };
      this.onFieldReplaced?.(field, value);
      done += fieldHits.length;
    }
    if (done) {
      const gone = new Set(replaceable.map((h) => h.id));
      this.generation += 1;
      this.publish({ hits: this.snapshot.hits.filter((h) => !gone.has(h.id)) });
    }
    // A replacement is asked for: its check runs even when checking as one types is off.
    if (this.snapshot.auto) this.checkSoon();
    else this.idle(() => this.run(true));
    return done;
  }

  // A row of the panel may hold a hit from an earlier answer (its id is the
  // same while its place moved): act on the latest.
  private current(hit: CheckedHit): CheckedHit {
    return this.snapshot.hits.find((h) => h.id === hit.id) ?? hit;
  }

  private recheck(): false {
    if (this.snapshot.auto) this.checkSoon();
    return false;
  }
}
