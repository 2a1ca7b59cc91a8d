import { getText, getTextSerializersFromSchema, type TextSerializer } from '@tiptap/core';
import { DOMSerializer, type Node as PmNode, type Schema } from '@tiptap/pm/model';
import { countCharacters } from '@/lib/content/text';

// The body's HTML and its 字数, kept per top-level block.
//
// 字数 of the body, as countCharacters(editor.getText({ blockSeparator: '\n' }))
// counts it, without re-reading a long story on every change: ProseMirror
// keeps unchanged top-level blocks as the same objects, so each block's count
// is kept beside it and only the blocks that changed are counted again. The
// separator between blocks is whitespace, which neither counts nor joins
// words, so the sum of the blocks is the count of the whole.

const counts = new WeakMap<PmNode, number>();
const serializers = new WeakMap<Schema, Record<string, TextSerializer>>();

function serializersOf(schema: Schema): Record<string, TextSerializer> {
  let found = serializers.get(schema);
  if (!found) {
    found = getTextSerializersFromSchema(schema);
    serializers.set(schema, found);
  }
  return found;
}

export function countBodyCharacters(doc: PmNode): number {
  const textSerializers = serializersOf(doc.type.schema);
  let total = 0;
  doc.forEach((block) => {
    let n = counts.get(block);
    if (n === undefined) {
      n = block.isText ? countCharacters(block.text ?? '') : countCharacters(getText(block, { blockSeparator: '\n', textSerializers }));
      counts.set(block, n);
    }
    total += n;
  });
  return total;
}

// The body as editor.getHTML() writes it (DOMSerializer into a div, its
// innerHTML), a block at a time: top-level blocks carry no marks across
// each other, so the blocks' HTML joined is the whole. Autosave asks for it
// while typing goes on; only the blocks that changed are serialised again.
const html = new WeakMap<PmNode, string>();
const domSerializers = new WeakMap<Schema, DOMSerializer>();

export function serializeBodyBlocks(doc: PmNode): string {
  let serializer = domSerializers.get(doc.type.schema);
  if (!serializer) {
    serializer = DOMSerializer.fromSchema(doc.type.schema);
    domSerializers.set(doc.type.schema, serializer);
  }
  const container = document.implementation.createHTMLDocument().createElement('div');
  let out = '';
  doc.forEach((block) => {
    let h = html.get(block);
    if (h === undefined) {
      container.replaceChildren(serializer.serializeNode(block));
      h = container.innerHTML;
      html.set(block, h);
    }
    out += h;
  });
  return out;
}
