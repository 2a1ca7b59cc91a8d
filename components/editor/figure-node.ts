import { Node } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';

// An image from our own media with an editable caption:
// <figure><img src="/media/<id>/large" alt width height data-media-id><figcaption>…</figcaption></figure>
// While an image is still uploading the node carries only an uploadToken and
// shows a placeholder; nothing but /media/<id>/large ever reaches the HTML.

export type FigureAttributes = {
  src: string | null;
  alt: string;
  width: number | null;
  height: number | null;
  mediaId: number | null;
  uploadToken: string | null;
};

export type FigureOptions = {
  uploadingLabel: string;
  captionPlaceholder: string;
  // Tokens the editor is uploading right now; a token in pasted HTML that is
  // not one of ours is ignored.
  isPendingUpload: (token: string) => boolean;
};

const MEDIA_SRC = /^(?:https?:\/\/[^/]+)?\/media\/(\d{1,12})\/(?:large|medium|thumb)(?:[?#].*)?$/;

// Our media path for an img src (relative, or absolute on this site), or null.
export function ownMediaId(src: string | null | undefined, origin?: string): number | null {
  if (!src) return null;
  const match = MEDIA_SRC.exec(src);
  if (!match) return null;
  if (/^https?:/i.test(src) && (!origin || !src.startsWith(`${origin}/`))) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function positiveInt(value: string | null): number | null {
  if (!value || !/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

function readImage(img: Element | null, isPendingUpload: (token: string) => boolean): Partial<FigureAttributes> | false {
  if (!img || img.tagName !== 'IMG') return false;
  const alt = img.getAttribute('alt') ?? '';
  const token = img.getAttribute('data-upload-token');
  if (token) return isPendingUpload(token) ? { uploadToken: token, alt } : false;
  const origin = typeof window === 'undefined' ? undefined : window.location.origin;
  const id = ownMediaId(img.getAttribute('src'), origin);
  if (id === null) return false;
  return {
    src: `/media/${id}/large`,
    mediaId: id,
    alt,
    width: positiveInt(img.getAttribute('width')),
    height: positiveInt(img.getAttribute('height')),
  };
}

export const Figure = Node.create<FigureOptions>({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  marks: '',
  isolating: true,
  defining: true,
  selectable: true,
  draggable: true,

  addOptions() {
    return { uploadingLabel: '', captionPlaceholder: '', isPendingUpload: () => false };
  },

  addAttributes() {
    // Rendering is done by renderHTML below, attribute by attribute.
    return {
      src: { default: null, rendered: false },
      alt: { default: '', rendered: false },
      width: { default: null, rendered: false },
      height: { default: null, rendered: false },
      mediaId: { default: null, rendered: false },
      uploadToken: { default: null, rendered: false },
    };
  },

  parseHTML() {
    const isPending = (token: string) => this.options.isPendingUpload(token);
    return [
      {
        tag: 'figure',
        getAttrs: (el) => readImage(el.querySelector('img'), isPending),
        contentElement: (el) => el.querySelector('figcaption') ?? el.ownerDocument.createElement('figcaption'),
      },
      // A bare image (pasted, or from an older body) becomes a figure with no caption.
      { tag: 'img', getAttrs: (el) => readImage(el, isPending) },
    ];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as FigureAttributes;
    if (!attrs.src || attrs.mediaId === null) return ['figure', ['figcaption', 0]];
    const img: Record<string, string> = { src: attrs.src, alt: attrs.alt ?? '' };
    if (attrs.width) img.width = String(attrs.width);
    if (attrs.height) img.height = String(attrs.height);
    img['data-media-id'] = String(attrs.mediaId);
    return ['figure', ['img', img], ['figcaption', 0]];
  },

  addNodeView() {
    return ({ node: initial, editor, getPos }) => {
      let node = initial;
      const dom = document.createElement('figure');
      dom.className = 'story-figure';
      const frame = document.createElement('div');
      frame.className = 'story-figure-frame';
      frame.contentEditable = 'false';
      const caption = document.createElement('figcaption');
      caption.dataset.placeholder = this.options.captionPlaceholder;
      dom.append(frame, caption);

      const render = () => {
        const attrs = node.attrs as FigureAttributes;
        frame.replaceChildren();
        if (attrs.src) {
          const img = document.createElement('img');
          img.src = attrs.src;
          img.alt = attrs.alt ?? '';
          if (attrs.width) img.width = attrs.width;
          if (attrs.height) img.height = attrs.height;
          img.draggable = false;
          frame.append(img);
          dom.classList.remove('is-uploading');
        } else {
          const pending = document.createElement('div');
          pending.className = 'story-figure-pending';
          pending.setAttribute('role', 'status');
          pending.textContent = this.options.uploadingLabel;
          frame.append(pending);
          dom.classList.add('is-uploading');
        }
        caption.classList.toggle('is-empty', node.content.size === 0);
      };
      render();

      // A click on the picture selects the whole figure, so Delete removes it
      // and cut/paste moves it.
      frame.addEventListener('mousedown', (event) => {
        if (!editor.isEditable) return;
        const pos = getPos();
        if (typeof pos !== 'number') return;
        event.preventDefault();
        editor.chain().focus().setNodeSelection(pos).run();
      });

      return {
        dom,
        contentDOM: caption,
        update: (updated) => {
          if (updated.type !== node.type) return false;
          const changed = ['src', 'alt', 'width', 'height', 'uploadToken'].some((k) => updated.attrs[k] !== node.attrs[k]);
          node = updated;
          if (changed) render();
          else caption.classList.toggle('is-empty', node.content.size === 0);
          return true;
        },
        selectNode: () => dom.classList.add('is-selected'),
        deselectNode: () => dom.classList.remove('is-selected'),
        ignoreMutation: (mutation) => mutation.type !== 'selection' && !caption.contains(mutation.target),
        stopEvent: (event) => frame.contains(event.target as globalThis.Node) && event.type === 'mousedown',
      };
    };
  },

  addKeyboardShortcuts() {
    return {
      // Enter in a caption starts a new paragraph below the figure.
      Enter: ({ editor }) => {
        const { $from, empty } = editor.state.selection;
        if (!empty || $from.parent.type.name !== this.name) return false;
        const after = $from.after();
        return editor
          .chain()
          .command(({ tr, state }) => {
            tr.insert(after, state.schema.nodes.paragraph!.create());
            tr.setSelection(TextSelection.create(tr.doc, after + 1));
            return true;
          })
          .scrollIntoView()
          .run();
      },
      // Backspace at the start of a caption selects the figure (a second
      // Backspace deletes it) instead of merging the caption into the text above.
      Backspace: ({ editor }) => {
        const { $from, empty } = editor.state.selection;
        if (!empty || $from.parent.type.name !== this.name || $from.parentOffset !== 0) return false;
        const pos = $from.before();
        editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, pos)));
        return true;
      },
    };
  },
});
