import { z } from 'zod';
import { sanitizeStoryHtml } from '../../content/sanitize';
import { fieldErrorsFrom, validationError } from '../../errors';
import { optionalIdSchema } from '../../id-schemas';
import { typedText } from '../../text-input';

// What a story form may change, parsed once for the desk and the review desk.
// The body is sanitized here, on the server, whatever the editor sent.

export const STORY_TITLE_MAX = 80;
export const STORY_SUMMARY_MAX = 200;
// Characters of HTML; a 1.5 MB story with tables fits, the server action
// limit (next.config.ts) sits above it so this message is the one users see.
export const STORY_BODY_MAX = Number(process.env.STORY_BODY_MAX_CHARS ?? 3_000_000);

const optionalId = optionalIdSchema('invalid');

const text = (max: number) => typedText().trim().max(max, 'too_long').default('');

export const storyFieldsSchema = z.object({
  title: text(STORY_TITLE_MAX),
  subtitle: text(STORY_TITLE_MAX),
  columnId: optionalId,
  byline: text(40),
  source: text(40),
  summary: text(STORY_SUMMARY_MAX),
  coverMediaId: optionalId,
  bodyHtml: z.string().max(STORY_BODY_MAX, 'body_too_large').default(''),
});

export type StoryFieldsInput = z.input<typeof storyFieldsSchema>;
export type StoryFields = Omit<z.output<typeof storyFieldsSchema>, 'bodyHtml'> & { bodyHtml: string; bodyText: string };

export function parseStoryFields(input: unknown): StoryFields {
  const parsed = storyFieldsSchema.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  const { html, text: bodyText } = sanitizeStoryHtml(parsed.data.bodyHtml);
  return { ...parsed.data, bodyHtml: html, bodyText };
}

// True when the story already holds exactly these fields: a save that was
// written though its answer never arrived (the database went away before
// the commit was acknowledged), retried against the version it started from.
export function holdsFields(story: Record<keyof StoryFields, unknown>, fields: StoryFields): boolean {
  return (Object.keys(fields) as (keyof StoryFields)[]).every((key) => story[key] === fields[key]);
}
