import { Extension, type Extensions } from '@tiptap/core';
import { Link } from '@tiptap/extension-link';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { Figure, type FigureOptions } from './figure-node';
import { isAllowedHref } from './link-url';

// The schema is the allowlist: what is not declared here cannot be pasted or
// typed, and what is declared renders to exactly the tags and attributes the
// server sanitizer keeps (p, h2–h4, strong, em, u, s, br, hr, ul, ol, li,
// blockquote, a[href], table/tbody/tr/th/td[colspan,rowspan], figure).

function spanAttribute(name: 'colspan' | 'rowspan') {
  return {
    default: 1,
    parseHTML: (el: HTMLElement) => {
      const n = Number(el.getAttribute(name));
      return Number.isInteger(n) && n > 1 && n <= 100 ? n : 1;
    },
    renderHTML: (attrs: Record<string, unknown>) => (Number(attrs[name]) > 1 ? { [name]: String(attrs[name]) } : {}),
  };
}

// Column widths and alignment are editing-time state only; they never reach the HTML.
const cellAttributes = () => ({
  colspan: spanAttribute('colspan'),
  rowspan: spanAttribute('rowspan'),
  colwidth: { default: null, parseHTML: () => null, rendered: false },
  align: { default: null, parseHTML: () => null, rendered: false },
});

// Only href is kept (target, rel and class are dropped); the server adds
// rel="noopener noreferrer" when it stores the body.
const StoryLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('href') } };
  },
  renderHTML({ HTMLAttributes }) {
    const href = HTMLAttributes.href as string | null | undefined;
    return ['a', isAllowedHref(href) ? { href } : {}, 0];
  },
});

const StoryTable = Table.extend({
  renderHTML() {
    return ['table', ['tbody', 0]];
  },
}).configure({ resizable: false, allowTableNodeSelection: false });

const StoryTableCell = TableCell.extend({ addAttributes: cellAttributes });
const StoryTableHeader = TableHeader.extend({ addAttributes: cellAttributes });

export type StoryExtensionOptions = FigureOptions & {
  placeholder: string;
  // Ctrl/⌘+K: the toolbar opens its link dialog.
  onLinkShortcut: () => void;
};

export function storyExtensions(options: StoryExtensionOptions): Extensions {
  const { placeholder, onLinkShortcut, ...figure } = options;
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      dropcursor: { color: '#b3261e', width: 2 },
      link: false,
    }),
    StoryLink.configure({
      openOnClick: false,
      enableClickSelection: true,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isAllowedHref(url),
    }),
    Extension.create({
      name: 'linkShortcut',
      addKeyboardShortcuts() {
        return {
          'Mod-k': () => {
            onLinkShortcut();
            return true;
          },
        };
      },
    }),
    StoryTable,
    TableRow,
    StoryTableHeader,
    StoryTableCell,
    Figure.configure(figure),
    Placeholder.configure({ placeholder }),
  ];
}
