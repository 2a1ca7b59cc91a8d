import 'server-only';

// Word checks (敏感词 / 错别字 / names and titles): the lists administrators
// keep at /admin/words, the check of a story's text against them, and what
// lib/stories asks at submit and sign-off. The pure parts (types, matcher,
// normalisation, personal information, file formats) are importable alone.

export { checkStoryText, checkForTransition, weighHits, type ContentCheck, type Weighed } from './check';
export {
  addWordEntry,
  createWordList,
  deleteWordEntry,
  deleteWordList,
  exportWordList,
  getWordList,
  importFormatOf,
  importWordEntries,
  listWordEntries,
  listWordLists,
  renameWordList,
  setWordListEnabled,
  updateWordEntry,
  ENTRIES_PAGE_SIZE,
  IMPORT_MAX_BYTES,
  type EntriesPage,
  type ImportFormat,
  type ImportSummary,
  type WordExport,
  type WordListRow,
} from './lists';
export type { CheckCategory, CheckField, CheckHit, CheckInput } from './types';
export type { PersonalLevel } from './matcher';
