import { getText, getTextSerializersFromSchema, type TextSerializer } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { countCharacters } from '@/lib/content/text';

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
