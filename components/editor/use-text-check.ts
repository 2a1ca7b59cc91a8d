'use client';

import type { Editor } from '@tiptap/core';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { CheckField } from '@/lib/content-check/types';
import type { CheckedHit } from './check-text';
import { TextChecker, type CheckFieldValues, type CheckedEditor } from './text-checker';

type TextField = Exclude<CheckField, 'body'>;

const AUTO_KEY = 'tougao:text-check:auto';

// The writer's choice to check as they type (on unless they turned it off in this browser).
export function readAutoCheck(): boolean {
  try {
    return window.localStorage.getItem(AUTO_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function storeAutoCheck(on: boolean): void {
  try {
    if (on) window.localStorage.removeItem(AUTO_KEY);
    else window.localStorage.setItem(AUTO_KEY, 'off');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

// A TipTap editor as the checker sees it.
export function checkedEditor(editor: Editor): CheckedEditor {
  return {
    getState: () => editor.state,
    dispatch: (tr) => editor.view.dispatch(tr),
    onDocChange: (listener) => {
      const handler = () => listener();
      editor.on('update', handler);
      return () => {
        editor.off('update', handler);
      };
    },
    select: (from, to) => {
      editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
    },
    isEditable: () => editor.isEditable,
  };
}

// One checker per form: it follows the form's fields, writes replacements
// back through `onFieldReplaced`, and focuses a field's input (by its id, the
// field's name) to show a hit there.
export function useTextCheck(fields: CheckFieldValues, onFieldReplaced: (field: TextField, value: string) => void): TextChecker {
  const t = useTranslations('textCheck');
  // On, as the server rendered it; a writer's "off" is read once the page runs.
  const [checker] = useState(() => new TextChecker());
  const replaced = useRef(onFieldReplaced);
  useEffect(() => {
    replaced.current = onFieldReplaced;
  }, [onFieldReplaced]);

  useEffect(() => {
    checker.setAuto(readAutoCheck());
    checker.setFieldHandlers({
      replaced: (field, value) => replaced.current(field, value),
      focus: (field, start, end) => {
        const input = document.getElementById(field);
        if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return;
        input.focus();
        input.setSelectionRange(start, end);
        input.scrollIntoView({ block: 'center', behavior: 'smooth' });
      },
    });
    checker.start();
    return () => checker.stop();
  }, [checker]);

  useEffect(() => {
    checker.setDescribe((hit: CheckedHit) => describeHit(t, hit));
  }, [checker, t]);

  useEffect(() => {
    checker.setFields(fields);
  }, [checker, fields]);

  // Findings in a field are marked on its input (by id, the field's name):
  // an underline in the category's colour and the findings as its description.
  useEffect(() => {
    const marked = new Set<HTMLElement>();
    const mark = () => {
      const { hits } = checker.getSnapshot();
      for (const field of TEXT_FIELDS) {
        const input = document.getElementById(field);
        if (!input) continue;
        const own = hits.filter((h) => h.field === field);
        if (!own.length) {
          if (marked.delete(input)) {
            input.removeAttribute('data-text-check');
            input.removeAttribute('aria-description');
          }
          continue;
        }
        marked.add(input);
        input.setAttribute('data-text-check', own[0]!.category);
        input.setAttribute('aria-description', own.map((h) => `${h.text}: ${describeHit(t, h)}`).join('; '));
      }
    };
    mark();
    const unsubscribe = checker.subscribe(mark);
    return () => {
      unsubscribe();
      for (const input of marked) {
        input.removeAttribute('data-text-check');
        input.removeAttribute('aria-description');
      }
    };
  }, [checker, t]);

  return checker;
}

const TEXT_FIELDS: readonly TextField[] = ['title', 'subtitle', 'summary', 'byline'];

type Translate = (key: string, values?: Record<string, string>) => string;

const PERSONAL_KINDS = ['id_card', 'mobile', 'bank_card', 'plate'] as const;

// The kind of personal information, or the list's name, as the panel and the mark's tooltip show it.
export function hitDetail(t: Translate, hit: CheckedHit): string | null {
  if (!hit.detail) return null;
  if (hit.category === 'personal' && (PERSONAL_KINDS as readonly string[]).includes(hit.detail)) return t(`personalKinds.${hit.detail}`);
  return hit.detail;
}

export function describeHit(t: Translate, hit: CheckedHit): string {
  const category = t(`categories.${hit.category}`);
  if (hit.suggestion && (hit.category === 'correction' || hit.category === 'name')) return t('describeSuggestion', { category, suggestion: hit.suggestion });
  const detail = hitDetail(t, hit);
  return detail ? t('describeDetail', { category, detail }) : category;
}
