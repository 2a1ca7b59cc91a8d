// What submitting needs beyond a valid draft. Pure: the server decides with
// it, and the desk form asks it first, so a story that cannot go is told why
// before anyone is asked to confirm the submit.

export const STORY_BODY_MIN_CHARS = 20;

export type SubmitProblems = Partial<Record<'title' | 'columnId' | 'bodyHtml', 'required' | 'body_too_short'>>;

export function checkReadyToSubmit(story: { title: string; columnId: number | null; bodyText: string }): SubmitProblems | null {
  const errors: SubmitProblems = {};
  if (!story.title.trim()) errors.title = 'required';
  if (!story.columnId) errors.columnId = 'required';
  if ([...story.bodyText.replace(/\s/g, '')].length < STORY_BODY_MIN_CHARS) errors.bodyHtml = 'body_too_short';
  return Object.keys(errors).length ? errors : null;
}
