// The word check's wire format, shared by the server and the editor (pure:
// the browser imports it). The lists themselves never leave the server.

export type CheckCategory = 'forbidden' | 'caution' | 'correction' | 'name' | 'personal';

export type CheckField = 'title' | 'subtitle' | 'summary' | 'byline' | 'body';

// start/end are UTF-16 offsets into that field's string as sent (end exclusive).
export type CheckHit = {
  field: CheckField;
  start: number;
  end: number;
  text: string;
  category: CheckCategory;
  suggestion?: string;
  detail?: string;
};
