import { redirect } from 'next/navigation';
import { createTranslator } from 'next-intl';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import en from '@/lib/i18n/messages/en.json';
import zhCN from '@/lib/i18n/messages/zh-CN.json';
import type { Viewer } from '@/lib/viewer';

// The wrapper's surroundings, replaced: the request's viewer (lib/session
// reads cookies) and the request's language (next-intl reads it from the
// request). The catalogs are the real ones.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
const language = vi.hoisted(() => ({ locale: 'zh-CN' as 'zh-CN' | 'en' }));

vi.mock('@/lib/session', async () => {
  const { AppError } = await import('@/lib/errors');
  return {
    requireActionViewer: async () => {
      if (!session.viewer) throw new AppError('unauthorized');
      return session.viewer;
    },
  };
});

vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) =>
    createTranslator({ locale: language.locale, messages: language.locale === 'en' ? en : zhCN, namespace: namespace as never }),
}));

const { formArgument, formFields, formText, formValues, validatedAction } = await import('@/lib/action-result');
const { DatabaseUnavailableError } = await import('@/db/availability');
const { AppError } = await import('@/lib/errors');
const { logger } = await import('@/lib/logger');

const editor: Viewer = { id: 7, username: 'editor', displayName: '编辑', role: 'editor', adminDuties: [], unitId: null, mustChangePassword: false };

const unitForm = z.object({ name: formText.pipe(z.string().trim().min(1, 'required')), description: formText });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

function formAction(run: (input: z.output<typeof unitForm>, viewer: Viewer) => Promise<unknown>) {
  return validatedAction(
    { input: formFields, schema: unitForm, values: (_prev, formData: FormData) => formValues(formData) },
    async (input, viewer) => {
      await run(input, viewer);
      return { ok: true, message: 'saved' };
    },
  );
}

beforeEach(() => {
  session.viewer = editor;
  language.locale = 'zh-CN';
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validatedAction', () => {
  test('a success runs the function with the parsed input and the viewer', async () => {
    const run = vi.fn(async () => {});
    const state = await formAction(run)({ ok: false }, form({ name: ' 区委宣传部 ', description: '' }));
    expect(state).toEqual({ ok: true, message: 'saved' });
    expect(run).toHaveBeenCalledWith({ name: '区委宣传部', description: '' }, editor);
  });

  test('plain arguments are parsed the same way', async () => {
    const run = vi.fn(async () => ({ ok: true }));
    const action = validatedAction({ input: (id: number, note: string) => ({ id, note }), schema: z.object({ id: z.number().int().positive(), note: z.string() }) }, run);
    expect(await action(42, '请补充来源')).toEqual({ ok: true });
    expect(run).toHaveBeenCalledWith({ id: 42, note: '请补充来源' }, editor, undefined);
  });

  test('a malformed input gives field errors in the user language and keeps what was typed', async () => {
    const run = vi.fn(async () => {});
    const state = await formAction(run)({ ok: false }, form({ name: '   ', description: '说明' }));
    expect(state).toEqual({ ok: false, message: '请检查标出的内容。', fieldErrors: { name: '必填。' }, values: { name: '   ', description: '说明' } });
    expect(run).not.toHaveBeenCalled();

    language.locale = 'en';
    const english = await formAction(run)({ ok: false }, form({ name: '' }));
    expect(english).toMatchObject({ message: 'Please check the highlighted fields.', fieldErrors: { name: 'Required.' } });
  });

  test('a malformed input may be refused as another error', async () => {
    const action = validatedAction(
      { input: (id: number) => ({ id }), schema: z.object({ id: z.number().int().positive() }), malformed: () => new AppError('not_found', 'malformed id') },
      async () => ({ ok: true }),
    );
    expect(await action(-1)).toEqual({ ok: false, message: '内容不存在或已被删除。', fieldErrors: undefined, values: undefined });
  });

  test('an AppError from lib/ gives its translated message', async () => {
    const state = await formAction(async () => {
      throw new AppError('conflict', 'version 3 expected, 4 found');
    })({ ok: false }, form({ name: '区委宣传部' }));
    expect(state).toEqual({ ok: false, message: '内容已被他人修改，请刷新后重试。', fieldErrors: undefined, values: { name: '区委宣传部' } });
  });

  test('an unknown error gives the generic message with a reference, and is logged with it', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const failure = new Error('connection terminated');
    const state = await formAction(async () => {
      throw failure;
    })({ ok: false }, form({ name: '区委宣传部' }));
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(/^出了点问题，请稍后重试。 错误编号：[0-9a-f]{8}$/);
    expect(state.message).not.toContain('connection terminated');
    const ref = state.message!.slice(-8);
    expect(logged).toHaveBeenCalledWith({ err: failure, ref }, 'server action failed');
  });

  test('arguments of the wrong kind from the network (a script calling the action) are refused as an empty form, never a crash', async () => {
    const run = vi.fn(async () => {});
    for (const args of [[], [undefined, undefined], [{ ok: false }, 'text'], [{ ok: false }, { name: '伪造的对象' }], [null, 42]] as unknown[][]) {
      const state = await (formAction(run) as (...a: unknown[]) => Promise<unknown>)(...args);
      expect(state, JSON.stringify(args)).toMatchObject({ ok: false, fieldErrors: { name: '必填。' } });
    }
    expect(run).not.toHaveBeenCalled();
    expect(formArgument('not a form').get('name')).toBeNull();
  });

  test('a database that cannot be reached says "cannot save now", keeps the input, is retryable and is not logged as a fault', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const state = await formAction(async () => {
      throw new Error('Failed query', { cause: new DatabaseUnavailableError() });
    })({ ok: false }, form({ name: '区委宣传部' }));
    expect(state).toEqual({ ok: false, message: '数据库暂时不可用，暂时无法保存。您填写的内容仍在，请稍后重试。', fieldErrors: undefined, values: { name: '区委宣传部' }, retryable: true });
    expect(logged).not.toHaveBeenCalled();
  });

  test('a missing viewer gives unauthorized, before the input is even read', async () => {
    session.viewer = null;
    const run = vi.fn(async (_data: unknown, _viewer: Viewer) => {});
    const input = vi.fn(formFields);
    const action = validatedAction({ input, schema: unitForm }, async (data, viewer) => {
      await run(data, viewer);
      return { ok: true };
    });
    expect(await action({ ok: false }, form({ name: '' }))).toEqual({ ok: false, message: '请先登录。', fieldErrors: undefined, values: undefined });
    expect(input).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  test("redirect() inside passes through to Next instead of becoming the form's error", async () => {
    const action = formAction(async () => redirect('/desk?deleted=1'));
    await expect(action({ ok: false }, form({ name: '区委宣传部' }))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
  });

  test('a custom refusal words the error its own way, in its own shape', async () => {
    type Result = { ok: true } | { ok: false; code: string };
    const action = validatedAction(
      { input: formFields, schema: unitForm, refused: async (error): Promise<Result> => ({ ok: false, code: error instanceof AppError ? error.code : 'unknown' }) },
      async () => ({ ok: true }),
    );
    expect(await action({ ok: false }, form({ name: '' }))).toEqual({ ok: false, code: 'validation' });
  });
});
