import { getSchema } from '@tiptap/core';
import { history, undo } from '@tiptap/pm/history';
import type { Node as PmNode } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDecorations, findHitRange, textCheckPlugin } from '@/components/editor/check-decorations';
import { acceptHits, buildDecorations, correctionGroups, extractBodyText, rangeToPositions, replaceRanges, type CheckedHit } from '@/components/editor/check-text';
import { countBodyCharacters } from '@/components/editor/body-blocks';
import { storyExtensions } from '@/components/editor/story-extensions';
import { countCharacters } from '@/lib/content/text';
import { parseHits, TextChecker, type CheckedEditor } from '@/components/editor/text-checker';
import type { CheckHit } from '@/lib/content-check/types';

const schema = getSchema(
  storyExtensions({ placeholder: '', captionPlaceholder: '', uploadingLabel: '', isPendingUpload: () => false, onLinkShortcut: () => {} }),
);

type J = Record<string, unknown>;
const text = (t: string, marks: string[] = []): J => ({ type: 'text', text: t, ...(marks.length ? { marks: marks.map((m) => ({ type: m })) } : {}) });
const p = (...content: J[]): J => ({ type: 'paragraph', content });
const doc = (...content: J[]): PmNode => schema.nodeFromJSON({ type: 'doc', content });

// Every character of the extracted text that is not a separator maps back to
// the same character in the document.
function expectRoundTrip(node: PmNode) {
  const body = extractBodyText(node);
  for (let i = 0; i < body.text.length; i += 1) {
    const range = rangeToPositions(body, i, i + 1);
    if (body.text[i] === '\n') continue;
    expect(range, `offset ${i}`).not.toBeNull();
    expect(node.textBetween(range!.from, range!.to)).toBe(body.text[i]);
  }
  return body;
}

describe('the body as plain text', () => {
  it('joins blocks with a line break and keeps a word split by formatting in one piece', () => {
    const node = doc(p(text('宣传'), text('法', ['bold']), text('治', ['italic', 'bold']), text('进社区')), { type: 'heading', attrs: { level: 2 }, content: [text('标题')] }, p());
    const body = expectRoundTrip(node);
    expect(body.text).toBe('宣传法治进社区\n标题\n');
    const range = rangeToPositions(body, 2, 4)!;
    expect(node.textBetween(range.from, range.to)).toBe('法治');
  });

  it('counts a hard break as a line break, and a range across it maps to both sides', () => {
    const node = doc(p(text('既使'), { type: 'hardBreak' }, text('如此')));
    const body = expectRoundTrip(node);
    expect(body.text).toBe('既使\n如此');
    const range = rangeToPositions(body, 1, 4)!;
    expect(node.textBetween(range.from, range.to, '\n', '\n')).toBe('使\n如');
  });

  it('reads image captions, table cells, lists and quotes; rules add nothing', () => {
    const cell = (t: string): J => ({ type: 'tableCell', content: [p(text(t))] });
    const node = doc(
      p(text('前文')),
      { type: 'figure', attrs: { src: '/media/1/large', mediaId: 1 }, content: [text('现场照片')] },
      { type: 'figure', attrs: { src: '/media/2/large', mediaId: 2 } },
      { type: 'horizontalRule' },
      { type: 'table', content: [{ type: 'tableRow', content: [cell('甲'), cell('乙')] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('一项'))] }] },
      { type: 'blockquote', content: [p(text('引文'))] },
    );
    const body = expectRoundTrip(node);
    expect(body.text).toBe('前文\n现场照片\n\n甲\n乙\n一项\n引文');
    const cellRange = rangeToPositions(body, body.text.indexOf('乙'), body.text.indexOf('乙') + 1)!;
    expect(node.textBetween(cellRange.from, cellRange.to)).toBe('乙');
  });

  it('moves edges off separators and refuses ranges of separators only or outside the text', () => {
    const node = doc(p(text('甲乙')), p(), p(text('丙')));
    const body = extractBodyText(node);
    expect(body.text).toBe('甲乙\n\n丙');
    const across = rangeToPositions(body, 2, 5)!;
    expect(node.textBetween(across.from, across.to)).toBe('丙');
    expect(rangeToPositions(body, 2, 4)).toBeNull();
    expect(rangeToPositions(body, 3, 9)).toBeNull();
    expect(rangeToPositions(body, 1, 1)).toBeNull();
    expect(rangeToPositions(body, -1, 1)).toBeNull();
  });

  it('handles surrogate pairs as two UTF-16 units, as the server counts them', () => {
    const node = doc(p(text('𠮷野家既使')));
    const body = expectRoundTrip(node);
    const at = body.text.indexOf('既使');
    expect(at).toBe(4);
    const range = rangeToPositions(body, at, at + 2)!;
    expect(node.textBetween(range.from, range.to)).toBe('既使');
  });
});

const fieldsOf = (body: string) => ({ title: '', subtitle: '', summary: '', byline: '', body });

describe('the character count', () => {
  it('adds up the blocks to what the whole text counts, and counts again only what changed', () => {
    const cell = (t: string): J => ({ type: 'tableCell', content: [p(text(t))] });
    const node = doc(
      p(text('hello'), text('world', ['bold']), { type: 'hardBreak' }, text('法治 2026 年')),
      { type: 'heading', attrs: { level: 2 }, content: [text('标题 one')] },
      { type: 'figure', attrs: { src: '/media/1/large', mediaId: 1 }, content: [text('照片')] },
      { type: 'horizontalRule' },
      { type: 'table', content: [{ type: 'tableRow', content: [cell('ab'), cell('cd')] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('一项'))] }, { type: 'listItem', content: [p(text('two words'))] }] },
    );
    const whole = (n: PmNode) => countCharacters(n.textBetween(0, n.content.size, '\n', '\n'));
    expect(countBodyCharacters(node)).toBe(whole(node));
    const state = EditorState.create({ doc: node });
    const edited = state.apply(state.tr.insertText('x', 3)).doc;
    expect(edited.child(1)).toBe(node.child(1));
    expect(countBodyCharacters(edited)).toBe(whole(edited));
  });
});

describe('hits', () => {
  it('keeps only ranges that hold their text, sorted by category, field and place, with context', () => {
    const sent = { ...fieldsOf('一二三既使四五六'), title: '坏词标题' };
    const hits: CheckHit[] = [
      { field: 'body', start: 3, end: 5, text: '既使', category: 'correction', suggestion: '即使' },
      { field: 'title', start: 0, end: 2, text: '坏词', category: 'forbidden' },
      { field: 'body', start: 6, end: 20, text: 'x', category: 'caution' },
      { field: 'subtitle', start: 0, end: 1, text: 'x', category: 'caution' },
    ];
    const accepted = acceptHits(hits, sent);
    expect(accepted.map((h) => [h.field, h.category])).toEqual([
      ['title', 'forbidden'],
      ['body', 'correction'],
    ]);
    expect(accepted[1]).toMatchObject({ before: '一二三', after: '四五六', text: '既使' });
  });

  it('keep their ids when text before them changes, so their marks are not redrawn', () => {
    const hit = (body: string): CheckHit => ({ field: 'body', start: body.lastIndexOf('既使'), end: body.lastIndexOf('既使') + 2, text: '既使', category: 'correction', suggestion: '即使' });
    const first = acceptHits([hitFor('甲既使乙', '既使'), hit('甲既使乙既使')], fieldsOf('甲既使乙既使'));
    const later = acceptHits([hitFor('甲丙丁既使乙', '既使'), hit('甲丙丁既使乙既使')], fieldsOf('甲丙丁既使乙既使'));
    expect(later.map((h) => h.id)).toEqual(first.map((h) => h.id));
    expect(new Set(first.map((h) => h.id)).size).toBe(2);
    const a = extractBodyText(doc(p(text('甲既使乙'))));
    const b = extractBodyText(doc(p(text('丙丁')), p(text('甲既使乙'))));
    const [da] = buildDecorations(a, acceptHits([hitFor('甲既使乙', '既使')], fieldsOf(a.text)), () => 'x');
    const [db] = buildDecorations(b, acceptHits([hitFor('丙丁\n甲既使乙', '既使')], fieldsOf(b.text)), () => 'x');
    // Equal marks, relative to their paragraph: ProseMirror keeps the drawn one.
    expect((da as unknown as { type: { eq: (o: unknown) => boolean } }).type.eq((db as unknown as { type: unknown }).type)).toBe(true);
  });

  it('become decorations on exactly their characters, with a label, body hits only', () => {
    const node = doc(p(text('他'), text('既', ['bold']), text('使来了')));
    const body = extractBodyText(node);
    const hits = acceptHits(
      [
        { field: 'body', start: 1, end: 3, text: '既使', category: 'correction', suggestion: '即使' },
        { field: 'title', start: 0, end: 1, text: '他', category: 'caution' },
      ],
      { ...fieldsOf(body.text), title: '他' },
    );
    const decorations = buildDecorations(body, hits, (h) => `label ${h.text}`);
    expect(decorations).toHaveLength(1);
    const [deco] = decorations;
    expect(node.textBetween(deco!.from, deco!.to)).toBe('既使');
    expect((deco as unknown as { type: { attrs: Record<string, string> } }).type.attrs).toMatchObject({ class: 'text-check-hit text-check-correction', title: 'label 既使', 'aria-description': 'label 既使' });
  });

  it('replaces ranges in a field without one eating another', () => {
    expect(replaceRanges('既使如此，既使这样', [{ start: 5, end: 7, text: '即使' }, { start: 0, end: 2, text: '即使' }])).toBe('即使如此，即使这样');
    expect(replaceRanges('abcdef', [{ start: 1, end: 4, text: 'X' }, { start: 2, end: 3, text: 'Y' }])).toBe('aXef');
    expect(replaceRanges('abc', [{ start: 2, end: 9, text: 'X' }])).toBe('abc');
  });

  it('groups repeated corrections for "replace all"', () => {
    const sent = { ...fieldsOf('既使甲既使乙截止'), title: '既使' };
    const hits = acceptHits(
      [
        { field: 'body', start: 0, end: 2, text: '既使', category: 'correction', suggestion: '即使' },
        { field: 'body', start: 3, end: 5, text: '既使', category: 'correction', suggestion: '即使' },
        { field: 'title', start: 0, end: 2, text: '既使', category: 'correction', suggestion: '即使' },
        { field: 'body', start: 6, end: 8, text: '截止', category: 'correction', suggestion: '截至' },
      ],
      sent,
    );
    const groups = correctionGroups(hits);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ text: '既使', suggestion: '即使' });
    expect(groups[0]!.hits).toHaveLength(3);
  });

  it('parses only well-formed hits from an answer', () => {
    expect(parseHits(null)).toBeNull();
    expect(parseHits({ hits: 'x' })).toBeNull();
    expect(parseHits({ hits: [{ field: 'body', start: 0, end: 1, text: 'a', category: 'caution' }, { field: 'nope', start: 0, end: 1, text: 'a', category: 'caution' }, { field: 'body', start: 0.5, end: 1, text: 'a', category: 'caution' }] })).toHaveLength(1);
  });
});

// An editor made of an EditorState, as the checker sees a TipTap editor.
function fakeEditor(node: PmNode) {
  let state = EditorState.create({ doc: node, plugins: [history(), textCheckPlugin()] });
  const listeners = new Set<() => void>();
  const selected: { from: number; to: number }[] = [];
  let dispatched = 0;
  const editor: CheckedEditor = {
    getState: () => state,
    dispatch: (tr: Transaction) => {
      dispatched += 1;
      state = state.apply(tr);
      if (tr.docChanged) for (const l of listeners) l();
    },
    onDocChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    select: (from, to) => selected.push({ from, to }),
    isEditable: () => true,
  };
  return {
    editor,
    get state() {
      return state;
    },
    selected,
    dispatchedCount: () => dispatched,
    type: (at: number, t: string) => editor.dispatch(state.tr.insertText(t, at)),
    decorated: () => checkDecorations(state).find().map((d) => state.doc.textBetween(d.from, d.to)),
  };
}

// A fetch whose answers the test gives when it wants, recording each request.
function stubFetch() {
  const calls: { body: Record<string, string>; signal: AbortSignal; resolve: (hits: CheckHit[] | 'fail') => void }[] = [];
  const fetcher = vi.fn((_url: string, init: RequestInit) => {
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal!;
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({
        body: JSON.parse(String(init.body)) as Record<string, string>,
        signal,
        resolve: (hits) => (hits === 'fail' ? reject(new TypeError('offline')) : resolve(new Response(JSON.stringify({ hits }), { status: 200 }))),
      });
    });
  });
  return { fetcher: fetcher as unknown as typeof fetch, calls };
}

function hitFor(body: string, word: string, extra: Partial<CheckHit> = {}): CheckHit {
  const start = body.indexOf(word);
  return { field: 'body', start, end: start + word.length, text: word, category: 'correction', suggestion: '即使', ...extra };
}

describe('the checker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // The timer, the idle callback and the answer's promises each take a turn.
  const settle = async () => {
    for (let i = 0; i < 4; i += 1) await vi.advanceTimersByTimeAsync(1);
  };

  // The pause after typing, and the check it lets run.
  const pause = async () => {
    await vi.advanceTimersByTimeAsync(700);
    await settle();
  };

  // Checked at load, with 既使 marked.
  async function setupAnswered() {
    const ready = setup();
    await settle();
    ready.calls[0]!.resolve([hitFor('他既使来了', '既使')]);
    await settle();
    return ready;
  }

  function setup(content = '他既使来了') {
    const f = fakeEditor(doc(p(text(content))));
    const { fetcher, calls } = stubFetch();
    const checker = new TextChecker({ fetch: fetcher, delay: 700, maxWait: 5000, idle: (run) => setTimeout(run, 0) });
    checker.attach(f.editor);
    return { f, checker, calls };
  }

  it('checks at load, marks the answer and lists it', async () => {
    const { f, checker, calls } = setup();
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({ title: '', subtitle: '', summary: '', byline: '', body: '他既使来了' });
    expect(checker.getSnapshot().status).toBe('checking');
    calls[0]!.resolve([hitFor('他既使来了', '既使')]);
    await settle();
    expect(checker.getSnapshot()).toMatchObject({ status: 'ready', stale: false });
    expect(checker.getSnapshot().hits.map((h) => h.text)).toEqual(['既使']);
    expect(f.decorated()).toEqual(['既使']);
  });

  it('waits for a pause in typing, sends once per text, and aborts a stale request', async () => {
    const { f, calls } = setup();
    await settle();
    f.type(2, '说');
    await vi.advanceTimersByTimeAsync(300);
    f.type(2, '们');
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.body.body).toBe('他们说既使来了');
    calls[1]!.resolve([]);
    await settle();
    // Bold on and off: the text is the same, nothing is sent.
    const { from, to } = { from: 1, to: 3 };
    f.editor.dispatch(f.state.tr.addMark(from, to, schema.marks.bold!.create()));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
  });

  it('checks while typing goes on, at the latest after maxWait', async () => {
    const { f, calls } = setup('甲');
    await settle();
    calls[0]!.resolve([]);
    await settle();
    for (let i = 0; i < 30; i += 1) {
      f.type(1, '乙');
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  it('ignores an answer for text that changed meanwhile and keeps the old marks on their characters', async () => {
    const { f, checker, calls } = await setupAnswered();
    // A new check goes out; typing before the mark moves it with the text.
    f.type(2, '们');
    await pause();
    expect(calls).toHaveLength(2);
    f.type(2, '说');
    expect(f.decorated()).toEqual(['既使']);
    expect(checker.getSnapshot().stale).toBe(true);
    // The answer to the second request is for text that is gone: not shown.
    calls[1]!.resolve([{ field: 'body', start: 0, end: 1, text: '他', category: 'caution' }]);
    await settle();
    expect(f.decorated()).toEqual(['既使']);
    await pause();
    expect(calls).toHaveLength(3);
    expect(calls[2]!.body.body).toBe('他说们既使来了');
  });

  it('shows an error without losing the marks, and tries again on the next change', async () => {
    const { f, checker, calls } = await setupAnswered();
    f.type(6, '。');
    await pause();
    calls[1]!.resolve('fail');
    await settle();
    expect(checker.getSnapshot().status).toBe('error');
    expect(f.decorated()).toEqual(['既使']);
    f.type(7, '好');
    await pause();
    expect(calls).toHaveLength(3);
  });

  it('replaces a hit in the body as one undoable step and checks again', async () => {
    const { f, checker, calls } = setup('既使下雨，他既使来了');
    await settle();
    const body = '既使下雨，他既使来了';
    calls[0]!.resolve([hitFor(body, '既使'), { ...hitFor(body, '他既使'), start: 6, end: 8, text: '既使' }]);
    await settle();
    const [first, second] = checker.getSnapshot().hits;
    f.type(5, '，');
    expect(checker.replace(second!)).toBe(true);
    expect(f.state.doc.textContent).toBe('既使下雨，，他即使来了');
    expect(checker.getSnapshot().hits.map((h) => h.id)).toEqual([first!.id]);
    undo(f.state, (tr) => f.editor.dispatch(tr));
    expect(f.state.doc.textContent).toBe('既使下雨，，他既使来了');
    // Undo is a change like typing: its check follows the pause.
    await pause();
    expect(calls.at(-1)!.body.body).toBe('既使下雨，，他既使来了');
  });

  it('replaces all of one correction in the body and the fields in one go', async () => {
    const { f, checker, calls } = setup('既使甲，既使乙');
    const replaced: [string, string][] = [];
    checker.setFieldHandlers({ replaced: (field, value) => replaced.push([field, value]), focus: () => {} });
    checker.setFields({ title: '既使如此', subtitle: '', summary: '', byline: '' });
    await pause();
    const sent = calls.at(-1)!;
    sent.resolve([hitFor('既使甲，既使乙', '既使'), { ...hitFor('既使甲，既使乙', '既使'), start: 4, end: 6 }, { ...hitFor('既使如此', '既使'), field: 'title' }]);
    await settle();
    const dispatchedBefore = f.dispatchedCount();
    expect(checker.replaceAll(checker.getSnapshot().hits)).toBe(3);
    expect(f.dispatchedCount() - dispatchedBefore).toBe(1);
    expect(f.state.doc.textContent).toBe('即使甲，即使乙');
    expect(replaced).toEqual([['title', '即使如此']]);
  });

  it('refuses to replace a hit whose text was edited since the check', async () => {
    const { f, checker } = await setupAnswered();
    const [hit] = checker.getSnapshot().hits;
    f.editor.dispatch(f.state.tr.delete(2, 4));
    expect(findHitRange(f.state, hit!.id)).toBeNull();
    expect(checker.replace(hit!)).toBe(false);
    expect(checker.jumpTo(hit!)).toBe(false);
    expect(f.state.doc.textContent).toBe('他来了');
  });

  it('jumps to a body hit by selecting it, and to a field hit through the form', async () => {
    const { f, checker, calls } = setup();
    const focused: unknown[] = [];
    checker.setFieldHandlers({ replaced: () => {}, focus: (...args) => focused.push(args) });
    checker.setFields({ title: '某词', subtitle: '', summary: '', byline: '' });
    await pause();
    calls.at(-1)!.resolve([hitFor('他既使来了', '既使'), { field: 'title', start: 0, end: 2, text: '某词', category: 'forbidden' }]);
    await settle();
    const hits = checker.getSnapshot().hits as CheckedHit[];
    expect(checker.jumpTo(hits.find((h) => h.field === 'body')!)).toBe(true);
    expect(f.selected).toHaveLength(1);
    expect(f.state.doc.textBetween(f.selected[0]!.from, f.selected[0]!.to)).toBe('既使');
    expect(checker.jumpTo(hits.find((h) => h.field === 'title')!)).toBe(true);
    expect(focused).toEqual([['title', 0, 2]]);
  });

  it('does not check as one types when turned off, but checks when asked', async () => {
    const { f, checker, calls } = setup();
    checker.setAuto(false);
    await settle();
    expect(calls).toHaveLength(0);
    f.type(1, '们');
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(0);
    checker.checkNow();
    await settle();
    expect(calls).toHaveLength(1);
  });
});
