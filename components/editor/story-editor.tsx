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
};

export function StoryEditor({ initialHtml, onChange, storyId, disabled = false, onError, ariaLabel, checker, ref }: StoryEditorProps) {
  const t = useTranslations('editor');
  const [count, setCount] = useState(0);
  const [uploading, setUploading] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [controller] = useState(() => new StoryEditorController({ setCount, setUploading }));
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    controller.setCallbacks({
      onChange,
      onError,
      storyId,
      messages: {
        uploadFailed: t('errors.uploadFailed'),
        onlyImages: t('errors.onlyImages'),
        remoteImagesDropped: (n) => t('errors.remoteImagesDropped', { count: n }),
        localImagesDropped: (n) => t('errors.localImagesDropped', { count: n }),
      },
    });
  }, [controller, onChange, onError, storyId, t]);

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
      {editor ? (
        <EditorToolbar editor={editor} disabled={disabled} linkOpen={linkOpen && !disabled} onLinkOpenChange={setLinkOpen} onPickImages={() => fileInput.current?.click()} />
      ) : (
        <div aria-hidden className="story-editor-toolbar h-[49px] rounded-t-lg border-b border-line bg-white" />
      )}
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
        <span aria-live="polite">
          {uploading > 0 ? <span className="text-brand-700">{t('uploadingCount', { count: uploading })}</span> : <span className="hidden sm:inline">{t('pasteHint')}</span>}
        </span>
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
