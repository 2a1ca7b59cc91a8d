import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { fieldErrorsFrom, issueField } from '@/lib/errors';

const schema = z.object({
  name: z.string().trim().min(1, 'required').regex(/^[a-z]+$/, 'name_format').min(3, 'too_short'),
  weights: z.record(z.string(), z.number()).default({}),
});

function errorOf(input: unknown): z.ZodError {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failed parse');
  return parsed.error;
}

describe('fieldErrorsFrom', () => {
  test("each field keeps its first problem, not a later one's", () => {
    // "AB" fails both the format and the length; the format is checked first.
    expect(fieldErrorsFrom(errorOf({ name: 'AB' }))).toEqual({ name: 'name_format' });
  });

  test('a problem with the input itself belongs to the whole form', () => {
    expect(fieldErrorsFrom(errorOf('not an object'))).toEqual({ form: expect.any(String) });
  });

  test('a caller may name the field and the key of an issue', () => {
    const errors = fieldErrorsFrom(errorOf({ name: 'abc', weights: { 7: 'x' } }), (issue) => [
      issue.path[0] === 'weights' ? `weight-${String(issue.path[1])}` : issueField(issue),
      issue.code === 'invalid_type' ? 'number' : issue.message,
    ]);
    expect(errors).toEqual({ 'weight-7': 'number' });
  });
});
