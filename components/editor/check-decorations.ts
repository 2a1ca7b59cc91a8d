import { Extension } from '@tiptap/core';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { DecorationSet, type Decoration } from '@tiptap/pm/view';
import type { HitSpec } from './check-text';

// The word check's marks in the body. The set is replaced when an answer
// arrives and otherwise mapped through every change, so a mark stays on its
// characters while the next check is on its way (and disappears when they are
// deleted). Building it happens elsewhere, off the typing path.

export const textCheckKey = new PluginKey<DecorationSet>('textCheck');

export function setCheckDecorations(tr: Transaction, decorations: readonly Decoration[]): Transaction {
  return tr.setMeta(textCheckKey, DecorationSet.create(tr.doc, [...decorations])).setMeta('addToHistory', false);
}

export function checkDecorations(state: EditorState): DecorationSet {
  return textCheckKey.getState(state) ?? DecorationSet.empty;
}

// Where the hit's mark is now, or null when its text was edited away.
export function findHitRange(state: EditorState, hitId: string): { from: number; to: number } | null {
  const found = checkDecorations(state).find(undefined, undefined, (spec) => (spec as HitSpec).hitId === hitId);
  const deco = found[0];
  return deco && deco.to > deco.from ? { from: deco.from, to: deco.to } : null;
}

export function textCheckPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: textCheckKey,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, set) => {
        const replaced = tr.getMeta(textCheckKey) as DecorationSet | undefined;
        if (replaced) return replaced;
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => textCheckKey.getState(state),
    },
  });
}

export const TextCheckDecorations = Extension.create({
  name: 'textCheckDecorations',
  addProseMirrorPlugins: () => [textCheckPlugin()],
});
