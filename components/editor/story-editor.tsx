'use client';

import { EditorContent, useEditor } from '@tiptap/react';
import { useTranslations } from 'next-intl';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { StoryEditorController } from './editor-controller';
import { EditorToolbar } from './editor-toolbar';
import { cleanPastedText } from './paste-cleanup';
import { storyExtensions } from './story-extensions';
import { TextCheckDecorations } from './check-decorations';
import { TextCheckStatus } from './text-check-panel';
import type { TextChecker } from './text-checker';
import { checkedEditor } from './use-text-check';
import './story-editor.css';

// What a parent may do to the editor besides mounting it with initialHtml.
export type StoryEditorHandle = {
  // Inserts (already sanitized) HTML at the cursor, e.g. an imported Word file.
  insertHtml: (html: string) => void;
  // Replaces the whole body (undoable), e.g. "keep the newer version".
  setHtml: (html: string) => void;
  focus: () => void;
  // Reports what was typed since the last report now, not after the pause.
  flush: () => void;
};

export type EditorNotice = { tone: 'error' | 'success'; text: string };

export type StoryEditorProps = {
  // Read once, when the editor mounts; later changes are ignored (use the
  // handle's setHtml, or a new `key`, to replace the body).
  initialHtml: string;
  // The body as HTML ('' when empty), after a short pause in typing (150 ms;
  // longer for very long bodies) and at least every second or so while typing
  // goes on; at once on blur, when the page is hidden and on unmount. Not
  // called for the initial content.
  onChange: (html: string) => void;
  // Uploaded images are attached to this story.
  storyId?: number;
  disabled?: boolean;
  // A message in the user's language: an upload refused, pasted images dropped.
  onError?: (message: string) => void;
  ariaLabel?: string;
  // The word check (文字检查) marks its hits in the body; read once, at mount.
  checker?: TextChecker;
  ref?: Ref<StoryEditorHandle>;
  // What is said about the body (an upload refused, a Word file imported) is
  // said where the writer is looking: at the editor's top, which stays in
  // view while they scroll. A parent that remounts the editor (a new `key`)
  // keeps the notice by holding it.
  notice?: EditorNotice | null;
  onNoticeChange?: (notice: EditorNotice | null) => void;
};

export function StoryEditor({ initialHtml, onChange, storyId, disabled = false, onError, ariaLabel, checker, notice: heldNotice, onNoticeChange, ref }: StoryEditorProps) {
  const t = useTranslations('editor');
  const [count, setCount] = useState(0);
  const [uploads, setUploads] = useState({ count: 0, percent: 0 });
  const [ownNotice, setOwnNotice] = useState<EditorNotice | null>(null);
  const notice = onNoticeChange ? (heldNotice ?? null) : ownNotice;
  const setNotice = onNoticeChange ?? setOwnNotice;
  const [linkOpen, setLinkOpen] = useState(false);
  const [controller] = useState(() => new StoryEditorController({ setCount, setUploading: (count, percent) => setUploads({ count, percent }) }));
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    controller.setCallbacks({
      onChange,
      onError: (text) => {
        setNotice({ tone: 'error', text });
        onError?.(text);
      },
      storyId,
      messages: {
        uploadFailed: t('errors.uploadFailed'),
        onlyImages: t('errors.onlyImages'),
        remoteImagesDropped: (n) => t('errors.remoteImagesDropped', { count: n }),
        localImagesDropped: (n) => t('errors.localImagesDropped', { count: n }),
      },
    });
  }, [controller, onChange, onError, setNotice, storyId, t]);

  const editor = useEditor(
    {
      // Rendered in the browser only: no hydration mismatch under SSR.
      immediatelyRender: false,
      editable: !disabled,
      content: initialHtml,
      extensions: [
        ...storyExtensions({
          placeholder: t('placeholder'),
          captionPlaceholder: t('captionPlaceholder'),
          uploadingLabel: t('uploading'),
          isPendingUpload: controller.isPendingUpload,
          onLinkShortcut: () => setLinkOpen(true),
        }),
        ...(checker ? [TextCheckDecorations] : []),
      ],
      editorProps: {
        attributes: {
          class: 'story-editor-content',
          role: 'textbox',
          'aria-multiline': 'true',
          ...(ariaLabel ? { 'aria-label': ariaLabel } : {}),
        },
        transformPastedHTML: controller.transformPastedHTML,
        transformPastedText: cleanPastedText,
        handlePaste: controller.handlePaste,
        handleDrop: controller.handleDrop,
      },
      onCreate: ({ editor: created }) => {
        controller.attach(created);
        if (checker) {
          const detach = checker.attach(checkedEditor(created));
          created.on('destroy', detach);
        }
      },
      onUpdate: controller.schedule,
      onBlur: controller.flush,
    },
    [],
  );

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable === disabled) editor.setEditable(!disabled, false);
  }, [editor, disabled]);

  // Nothing typed may be lost when the tab closes or the page navigates away.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') controller.flush();
    };
    window.addEventListener('pagehide', controller.flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', controller.flush);
      document.removeEventListener('visibilitychange', onVisibility);
      controller.flush();
    };
  }, [controller]);

  useImperativeHandle(
    ref,
    () => ({
      insertHtml: (html) => {
        editor?.chain().focus().insertContent(html).run();
      },
      setHtml: (html) => {
        editor?.chain().setContent(html, { emitUpdate: true }).focus('start').run();
      },
      focus: () => {
        editor?.commands.focus();
      },
      flush: controller.flush,
    }),
    [editor, controller],
  );

  return (
    <div className={`story-editor rounded-lg border border-line bg-white ${disabled ? 'is-disabled' : ''}`} data-testid="story-editor">
      <div className="story-editor-top">
        {editor ? (
          <EditorToolbar editor={editor} disabled={disabled} linkOpen={linkOpen && !disabled} onLinkOpenChange={setLinkOpen} onPickImages={() => fileInput.current?.click()} />
        ) : (
          <div aria-hidden className="story-editor-toolbar h-[49px] rounded-t-lg border-b border-line bg-white" />
        )}
        <UploadProgress count={uploads.count} percent={uploads.percent} />
        {/* Announced when it appears (a refusal at once); stays until dismissed or replaced. */}
        <div role="status" className="empty:hidden">
          {notice?.tone === 'success' && <NoticeStrip notice={notice} onDismiss={() => setNotice(null)} />}
        </div>
        <div role="alert" className="empty:hidden">
          {notice?.tone === 'error' && <NoticeStrip notice={notice} onDismiss={() => setNotice(null)} />}
        </div>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        multiple
        hidden
        tabIndex={-1}
        data-testid="editor-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) controller.insertFiles(files);
        }}
      />
      {editor ? <EditorContent editor={editor} /> : <div aria-hidden className="story-editor-content" />}
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 rounded-b-lg border-t border-line bg-gray-50 px-3 py-1.5 text-xs text-ink-500">
        <span className="hidden sm:inline">{t('pasteHint')}</span>
        <span className="flex items-center gap-3">
          {checker && <TextCheckStatus checker={checker} />}
          <span className="tabular-nums" data-testid="editor-count">
            {t('characterCount', { count })}
          </span>
        </span>
      </div>
    </div>
  );
}

function UploadProgress({ count, percent }: { count: number; percent: number }) {
  const t = useTranslations('editor');
  if (count === 0) return null;
  return (
    <div className="flex items-center gap-3 border-b border-line bg-brand-50 px-3 py-1.5 text-xs text-brand-800" data-testid="editor-upload-progress">
      <span aria-live="polite">{t('uploadingCount', { count })}</span>
      <div role="progressbar" aria-label={t('uploadProgress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-1.5 min-w-12 flex-1 overflow-hidden rounded-full bg-brand-100">
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <span className="tabular-nums">{percent}%</span>
    </div>
  );
}

function NoticeStrip({ notice, onDismiss }: { notice: EditorNotice; onDismiss: () => void }) {
  const t = useTranslations('editor');
  const tone = notice.tone === 'error' ? 'bg-red-50 text-red-800' : 'bg-green-50 text-green-800';
  return (
    <div className={`flex items-start gap-2 border-b border-line px-3 py-2 text-sm ${tone}`} data-testid="editor-notice" data-tone={notice.tone}>
      <p className="min-w-0 flex-1">{notice.text}</p>
      <button type="button" onClick={onDismiss} aria-label={t('dismissNotice')} className="-my-1 rounded px-1.5 text-lg leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-current">
        ×
      </button>
    </div>
  );
}
