import type { Editor } from '@tiptap/core';
import { Fragment, Slice, type Node as PmNode } from '@tiptap/pm/model';
import { dropPoint } from '@tiptap/pm/transform';
import type { EditorView } from '@tiptap/pm/view';
import { countBodyCharacters, serializeBodyBlocks } from './body-blocks';
import { cleanPastedHtml } from './paste-cleanup';
import { isAcceptedImage, pastedImageName, uploadImage, uploadPercent } from './upload-image';

// The editor's imperative side, outside React: debounced change reports,
// image uploads (picked, pasted, dropped or inlined as data: URLs in pasted
// HTML) and their placeholders. One per mounted editor.

export type ControllerCallbacks = {
  onChange: (html: string) => void;
  onError?: (message: string) => void;
  storyId?: number;
  messages: {
    uploadFailed: string;
    onlyImages: string;
    remoteImagesDropped: (count: number) => string;
    localImagesDropped: (count: number) => string;
  };
};

export type ControllerView = {
  setCount: (count: number) => void;
  // How many images are still uploading, and the share of their bytes sent.
  setUploading: (count: number, percent: number) => void;
};

type PendingUpload = { blob: Blob; name: string; started: boolean; sent: number; total: number };

// A long body (hundreds of KB) takes a while to serialize and count, so the
// pause before reporting grows with the document.
function emitTiming(docSize: number): { delay: number; maxWait: number } {
  if (docSize > 300_000) return { delay: 1000, maxWait: 5000 };
  if (docSize > 50_000) return { delay: 400, maxWait: 2000 };
  return { delay: 150, maxWait: 1000 };
}
const PARALLEL_UPLOADS = 2;

// The body as the parent stores it: '' for an empty document.
export function serializeBody(editor: Editor): string {
  return editor.isEmpty ? '' : serializeBodyBlocks(editor.state.doc);
}

function countBody(editor: Editor): number {
  return countBodyCharacters(editor.state.doc);
}

function findUpload(doc: PmNode, token: string): { pos: number; node: PmNode } | null {
  let found: { pos: number; node: PmNode } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === 'figure' && node.attrs.uploadToken === token) {
      found = { pos, node };
      return false;
    }
    return true;
  });
  return found;
}

function htmlHasText(html: string): boolean {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return /[^\s\u00a0\u3000]/.test(doc.body.textContent ?? '');
}

export class StoryEditorController {
  private editor: Editor | null = null;
  private callbacks: ControllerCallbacks | null = null;
  private readonly pending = new Map<string, PendingUpload>();
  private active = 0;
  private lastEmitted: string | null = null;
  private dirty = false;
  private dirtySince = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly view: ControllerView) {}

  setCallbacks(callbacks: ControllerCallbacks): void {
    this.callbacks = callbacks;
  }

  // Called when an editor instance is created; React's strict mode may create
  // and destroy one before the one that stays, so each detaches only itself.
  attach = (editor: Editor): void => {
    this.editor = editor;
    this.lastEmitted = serializeBody(editor);
    this.view.setCount(countBody(editor));
    editor.on('destroy', () => {
      if (this.editor !== editor) return;
      this.flush();
      this.editor = null;
    });
  };

  isPendingUpload = (token: string): boolean => this.pending.has(token);

  // Called on every document change; reports after a pause in typing.
  schedule = (): void => {
    const now = Date.now();
    if (!this.dirty) this.dirtySince = now;
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    const { delay, maxWait } = emitTiming(this.editor?.state.doc.content.size ?? 0);
    this.timer = setTimeout(this.flushWhenIdle, now - this.dirtySince >= maxWait ? 0 : delay);
  };

  // A long body takes a while to serialize: the pause's report waits for a
  // moment when the browser has nothing else to do, so it does not hold up
  // the next key (the report on blur, hide and unmount is at once).
  private flushWhenIdle = (): void => {
    if (typeof window !== 'undefined' && 'requestIdleCallback' in window) window.requestIdleCallback(() => this.flush(), { timeout: 300 });
    else this.flush();
  };

  flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const editor = this.editor;
    if (!editor || editor.isDestroyed || !this.dirty) return;
    this.dirty = false;
    this.view.setCount(countBody(editor));
    const html = serializeBody(editor);
    if (html === this.lastEmitted) return;
    this.lastEmitted = html;
    this.callbacks?.onChange(html);
  };

  private report(message: string): void {
    this.callbacks?.onError?.(message);
  }

  private newToken(): string {
    return `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  }

  private register(blob: Blob, name: string, token = this.newToken()): string {
    this.pending.set(token, { blob, name, started: false, sent: 0, total: Math.max(blob.size, 1) });
    return token;
  }

  // Uploads finished while others still run: the percentage is of the
  // whole batch, so it never falls back when one image is done.
  private finished = { sent: 0, total: 0 };

  private showUploads(): void {
    if (this.pending.size === 0) this.finished = { sent: 0, total: 0 };
    this.view.setUploading(this.pending.size, uploadPercent([...this.pending.values(), this.finished]));
  }

  private startUploads(): void {
    this.showUploads();
    this.pump();
  }

  // A couple of uploads at a time; each finished one fills in its figure
  // wherever the figure has moved meanwhile, or is forgotten if it was deleted.
  private pump(): void {
    for (const [token, item] of this.pending) {
      if (this.active >= PARALLEL_UPLOADS) return;
      if (item.started) continue;
      item.started = true;
      this.active += 1;
      const progress = (sent: number, total: number) => {
        // The request's total is the file plus the form around it.
        item.sent = sent;
        item.total = Math.max(total, 1);
        this.showUploads();
      };
      void uploadImage(item.blob, item.name, this.callbacks?.storyId, progress).then((outcome) => {
        this.active -= 1;
        this.pending.delete(token);
        this.finished = { sent: this.finished.sent + item.total, total: this.finished.total + item.total };
        this.showUploads();
        const editor = this.editor;
        const found = editor && !editor.isDestroyed ? findUpload(editor.state.doc, token) : null;
        if (editor && found) {
          const tr = editor.state.tr;
          if (outcome.ok) {
            const { id, width, height } = outcome.image;
            tr.setNodeMarkup(found.pos, undefined, { ...found.node.attrs, src: `/media/${id}/large`, mediaId: id, width, height, uploadToken: null });
          } else {
            tr.delete(found.pos, found.pos + found.node.nodeSize);
          }
          // Filling in a placeholder is not a step for undo.
          editor.view.dispatch(tr.setMeta('addToHistory', false));
        }
        if (!outcome.ok) this.report(outcome.message ?? this.callbacks?.messages.uploadFailed ?? '');
        this.pump();
      });
    }
  }

  // Image files become placeholder figures at once (at the cursor, or where
  // they were dropped) and are filled in when their upload finishes.
  insertFiles = (files: File[], at?: number): void => {
    const editor = this.editor;
    if (!editor || editor.isDestroyed || !editor.isEditable) return;
    const images = files.filter(isAcceptedImage);
    if (images.length < files.length && this.callbacks) this.report(this.callbacks.messages.onlyImages);
    if (!images.length) return;
    const figure = editor.schema.nodes.figure!;
    const nodes = Fragment.from(images.map((file, i) => figure.create({ uploadToken: this.register(file, file.name || pastedImageName(file, i)) })));
    const { state } = editor;
    let tr = state.tr;
    if (at === undefined) tr = tr.replaceSelection(new Slice(nodes, 0, 0));
    else tr = tr.insert(dropPoint(state.doc, at, new Slice(nodes, 0, 0)) ?? at, nodes);
    editor.view.dispatch(tr.scrollIntoView());
    this.startUploads();
  };

  transformPastedHTML = (html: string): string => {
    const cleaned = cleanPastedHtml(html, () => this.newToken());
    const messages = this.callbacks?.messages;
    if (cleaned.droppedRemote && messages) this.report(messages.remoteImagesDropped(cleaned.droppedRemote));
    if (cleaned.droppedLocal && messages) this.report(messages.localImagesDropped(cleaned.droppedLocal));
    if (cleaned.images.length) {
      const tokens = cleaned.images.map(({ token, blob }, i) => this.register(blob, pastedImageName(blob, i), token));
      // Once ProseMirror has inserted the placeholders, upload the images
      // whose figure made it into the document.
      setTimeout(() => {
        const editor = this.editor;
        for (const token of tokens) {
          if (!editor || editor.isDestroyed || !findUpload(editor.state.doc, token)) this.pending.delete(token);
        }
        this.startUploads();
      }, 0);
    }
    return cleaned.html;
  };

  handlePaste = (_view: EditorView, event: ClipboardEvent): boolean => {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (!files.length) return false;
    // Word puts a picture of the copied text beside its HTML: the HTML wins.
    const html = event.clipboardData?.getData('text/html') ?? '';
    if (html && htmlHasText(html)) return false;
    event.preventDefault();
    this.insertFiles(files);
    return true;
  };

  handleDrop = (view: EditorView, event: DragEvent, _slice: Slice, moved: boolean): boolean => {
    if (moved) return false;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (!files.length) return false;
    event.preventDefault();
    this.insertFiles(files, view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos);
    return true;
  };
}
