// Pure: what a word check reports, shared by the server and the story editor.
// Offsets are UTF-16 indices into the field's string as sent (end exclusive).

export type CheckCategory = 'forbidden' | 'caution' | 'correction' | 'name' | 'personal';

export type CheckField = 'title' | 'subtitle' | 'summary' | 'byline' | 'body';

export type CheckHit = {
  field: CheckField;
  start: number;
  end: number;
  text: string;
  category: CheckCategory;
  // A correction's right form; for a name, the exact "name + title" expected.
  suggestion?: string;
  // A short explanation: the personal-information kind or the list's name.
  detail?: string;
};

export const CHECK_FIELDS: readonly CheckField[] = ['title', 'subtitle', 'summary', 'byline', 'body'];

export type CheckInput = Partial<Record<CheckField, string>>;
