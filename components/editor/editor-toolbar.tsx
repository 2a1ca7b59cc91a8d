import { redoDepth, undoDepth } from '@tiptap/pm/history';
import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslations } from 'next-intl';
import { useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { LinkDialog } from './link-dialog';
import { ToolbarIcon, type ToolbarIconName } from './toolbar-icons';

export type EditorToolbarProps = {
  editor: Editor;
  disabled: boolean;
  linkOpen: boolean;
  onLinkOpenChange: (open: boolean) => void;
  onPickImages: () => void;
};

type Keys = { mod: string; shift: string; alt: string; join: string; aria: string };

const PC: Keys = { mod: 'Ctrl', shift: 'Shift', alt: 'Alt', join: '+', aria: 'Control' };
const MAC: Keys = { mod: '⌘', shift: '⇧', alt: '⌥', join: '', aria: 'Meta' };

const noSubscription = () => () => {};
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

// Shortcuts are written as ['mod', 'shift', 'Z']; shown as Ctrl+Shift+Z or ⇧⌘Z.
function shortcutText(keys: Keys, parts: readonly string[]): string {
  const names = parts.map((p) => (p === 'mod' ? keys.mod : p === 'shift' ? keys.shift : p === 'alt' ? keys.alt : p));
  return keys === MAC ? [...names.filter((n) => n === MAC.shift || n === MAC.alt), ...names.filter((n) => n !== MAC.shift && n !== MAC.alt)].join('') : names.join(keys.join);
}

function shortcutAria(keys: Keys, parts: readonly string[]): string {
  return parts.map((p) => (p === 'mod' ? keys.aria : p === 'shift' ? 'Shift' : p === 'alt' ? 'Alt' : p)).join('+');
}

type ToolButtonProps = {
  label: string;
  shortcut?: readonly string[];
  altShortcut?: readonly string[];
  keys: Keys;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
};

function ToolButton({ label, shortcut, altShortcut, keys, active, disabled, onClick, children, wide, testId }: ToolButtonProps) {
  const hint = [shortcut, altShortcut].filter((s): s is readonly string[] => Boolean(s));
  const t = useTranslations('editor');
  // Brackets as each language writes them: 加粗（Ctrl+B）, Bold (Ctrl+B).
  const title = hint.length ? t('withShortcut', { label, keys: hint.map((s) => shortcutText(keys, s)).join(' / ') }) : label;
  return (
    <button
      type="button"
      aria-label={label}
      title={title}
      aria-keyshortcuts={hint.length ? hint.map((s) => shortcutAria(keys, s)).join(' ') : undefined}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      data-testid={testId}
      // Keep the editor's selection: the click acts on it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className={`inline-flex h-9 shrink-0 items-center justify-center gap-1 rounded-md border text-sm transition-colors disabled:cursor-not-allowed disabled:opacity-40 ${
        wide ? 'px-2 sm:px-2.5' : 'w-8 sm:w-9'
      } ${active ? 'border-brand-100 bg-brand-50 text-brand-700' : 'border-transparent text-ink-700 hover:bg-gray-100'}`}
    >
      {children}
    </button>
  );
}

// A group wraps to the next line as a whole on a narrow screen.
function ToolGroup({ children }: { children: ReactNode }) {
  return <div className="flex min-w-0 flex-wrap items-center gap-0.5">{children}</div>;
}

function Divider() {
  return <span aria-hidden className="mx-0.5 hidden h-6 w-px shrink-0 bg-line sm:block" />;
}

// Arrow keys move between the buttons of a toolbar (the ARIA toolbar pattern).
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0 || buttons.length === 0) return;
  event.preventDefault();
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next]!.focus();
}

export function EditorToolbar({ editor, disabled, linkOpen, onLinkOpenChange, onPickImages }: EditorToolbarProps) {
  const t = useTranslations('editor');
  // The server renders Ctrl; a Mac shows ⌘ once the page runs.
  const keys = useSyncExternalStore(noSubscription, isApple, () => false) ? MAC : PC;

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      paragraph: e.isActive('paragraph') && !e.isActive('bulletList') && !e.isActive('orderedList') && !e.isActive('table'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      inFigure: e.isActive('figure'),
      // Runs on every keystroke: reading the history's depth is cheap, where
      // can() builds every command of the editor to ask one.
      canUndo: undoDepth(e.state) > 0,
      canRedo: redoDepth(e.state) > 0,
    }),
  });

  const off = disabled;
  const chain = () => editor.chain().focus();
  const icon = (name: ToolbarIconName) => <ToolbarIcon name={name} />;

  const applyLink = (href: string) => {
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      chain()
        .insertContent({ type: 'text', text: href.replace(/^mailto:/, ''), marks: [{ type: 'link', attrs: { href } }] })
        .run();
    } else {
      chain().extendMarkRange('link').setLink({ href }).run();
    }
    onLinkOpenChange(false);
  };

  return (
    <div className="story-editor-toolbar @container rounded-t-lg border-b border-line bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/85">
      <div role="toolbar" aria-label={t('toolbar')} onKeyDown={moveFocus} className="flex flex-wrap items-center gap-x-1 gap-y-0.5 px-1.5 py-1.5 sm:gap-x-0">
        <ToolGroup>
          <ToolButton label={t('paragraph')} shortcut={['mod', 'alt', '0']} keys={keys} wide active={state.paragraph} disabled={off || state.inFigure} onClick={() => chain().setParagraph().run()}>
            {t('paragraph')}
          </ToolButton>
          <ToolButton label={t('heading2')} shortcut={['mod', 'alt', '2']} keys={keys} wide active={state.h2} disabled={off || state.inFigure} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
            <span className="font-semibold">{t('heading2')}</span>
          </ToolButton>
          <ToolButton label={t('heading3')} shortcut={['mod', 'alt', '3']} keys={keys} wide active={state.h3} disabled={off || state.inFigure} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
            <span className="font-medium">{t('heading3')}</span>
          </ToolButton>
        </ToolGroup>
        <Divider />
        <ToolGroup>
          <ToolButton label={t('bold')} shortcut={['mod', 'B']} keys={keys} active={state.bold} disabled={off || state.inFigure} onClick={() => chain().toggleBold().run()}>
            <span aria-hidden className="text-[15px] font-bold">B</span>
          </ToolButton>
          <ToolButton label={t('italic')} shortcut={['mod', 'I']} keys={keys} active={state.italic} disabled={off || state.inFigure} onClick={() => chain().toggleItalic().run()}>
            <span aria-hidden className="font-serif text-[16px] italic">I</span>
          </ToolButton>
          <ToolButton label={t('underline')} shortcut={['mod', 'U']} keys={keys} active={state.underline} disabled={off || state.inFigure} onClick={() => chain().toggleUnderline().run()}>
            <span aria-hidden className="text-[15px] underline underline-offset-2">U</span>
          </ToolButton>
          <ToolButton label={t('strike')} shortcut={['mod', 'shift', 'S']} keys={keys} active={state.strike} disabled={off || state.inFigure} onClick={() => chain().toggleStrike().run()}>
            <span aria-hidden className="text-[15px] line-through">S</span>
          </ToolButton>
        </ToolGroup>
        <Divider />
        <ToolGroup>
          <ToolButton label={t('bulletList')} shortcut={['mod', 'shift', '8']} keys={keys} active={state.bulletList} disabled={off || state.inFigure} onClick={() => chain().toggleBulletList().run()}>
            {icon('bulletList')}
          </ToolButton>
          <ToolButton label={t('orderedList')} shortcut={['mod', 'shift', '7']} keys={keys} active={state.orderedList} disabled={off || state.inFigure} onClick={() => chain().toggleOrderedList().run()}>
            {icon('orderedList')}
          </ToolButton>
          <ToolButton label={t('blockquote')} shortcut={['mod', 'shift', 'B']} keys={keys} active={state.blockquote} disabled={off || state.inFigure} onClick={() => chain().toggleBlockquote().run()}>
            {icon('blockquote')}
          </ToolButton>
          <ToolButton label={t('horizontalRule')} keys={keys} disabled={off || state.inTable} onClick={() => chain().setHorizontalRule().run()}>
            {icon('horizontalRule')}
          </ToolButton>
        </ToolGroup>
        <Divider />
        {/* Link, image and table name themselves only where the whole bar still fits on
            one line with the words (58rem holds the English one); narrower, icon and title. */}
        <ToolGroup>
          <ToolButton label={t('insertLink')} shortcut={['mod', 'K']} keys={keys} wide active={state.link || linkOpen} disabled={off || state.inFigure} onClick={() => onLinkOpenChange(!linkOpen)} testId="editor-link">
            {icon('link')}
            <span className="hidden @min-[58rem]:inline">{t('link')}</span>
          </ToolButton>
          <ToolButton label={t('insertImage')} keys={keys} wide disabled={off} onClick={onPickImages} testId="editor-image">
            {icon('image')}
            <span className="hidden @min-[58rem]:inline">{t('image')}</span>
          </ToolButton>
          <ToolButton label={t('insertTable')} keys={keys} wide disabled={off || state.inTable || state.inFigure} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} testId="editor-table">
            {icon('table')}
            <span className="hidden @min-[58rem]:inline">{t('table')}</span>
          </ToolButton>
        </ToolGroup>
        <Divider />
        <ToolGroup>
          <ToolButton label={t('undo')} shortcut={['mod', 'Z']} keys={keys} disabled={off || !state.canUndo} onClick={() => chain().undo().run()}>
            {icon('undo')}
          </ToolButton>
          <ToolButton label={t('redo')} shortcut={['mod', 'shift', 'Z']} altShortcut={keys === MAC ? undefined : ['mod', 'Y']} keys={keys} disabled={off || !state.canRedo} onClick={() => chain().redo().run()}>
            {icon('redo')}
          </ToolButton>
        </ToolGroup>
      </div>

      {state.inTable && !off && (
        <div role="toolbar" aria-label={t('tableToolbar')} onKeyDown={moveFocus} className="flex flex-wrap items-center gap-0.5 border-t border-line px-1.5 py-1 text-sm sm:gap-1 sm:px-2" data-testid="editor-table-tools">
          <span className="mr-1 hidden text-xs text-ink-500 sm:inline">{t('tableLabel')}</span>
          <ToolButton label={t('addRow')} keys={keys} wide onClick={() => chain().addRowAfter().run()}>
            {t('addRow')}
          </ToolButton>
          <ToolButton label={t('addColumn')} keys={keys} wide onClick={() => chain().addColumnAfter().run()}>
            {t('addColumn')}
          </ToolButton>
          <ToolButton label={t('deleteRow')} keys={keys} wide onClick={() => chain().deleteRow().run()}>
            {t('deleteRow')}
          </ToolButton>
          <ToolButton label={t('deleteColumn')} keys={keys} wide onClick={() => chain().deleteColumn().run()}>
            {t('deleteColumn')}
          </ToolButton>
          <ToolButton label={t('deleteTable')} keys={keys} wide onClick={() => chain().deleteTable().run()}>
            <span className="text-red-700">{t('deleteTable')}</span>
          </ToolButton>
        </div>
      )}

      {linkOpen && !off && (
        <LinkDialog
          initialHref={(editor.getAttributes('link').href as string | undefined) ?? ''}
          hasLink={state.link}
          onApply={applyLink}
          onRemove={() => {
            chain().extendMarkRange('link').unsetLink().run();
            onLinkOpenChange(false);
          }}
          onClose={() => {
            onLinkOpenChange(false);
            editor.commands.focus();
          }}
        />
      )}
    </div>
  );
}
