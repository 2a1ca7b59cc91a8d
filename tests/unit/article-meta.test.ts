import { describe, expect, test } from 'vitest';
import { articleMetaNames } from '@/lib/article-meta';

// Which names an article's meta line shows: what the review settings choose,
// in print order, leaving out a name the story does not have.

const names = { editorName: '万先觉', reviewerNames: '李青、张三', signerName: '王总编' };
const only = (editor: boolean, reviewers: boolean, signer: boolean) => ({ articleShowsEditor: editor, articleShowsReviewers: reviewers, articleShowsSigner: signer });

describe('articleMetaNames', () => {
  test('the default shows 编辑 alone, as before the setting', () => {
    expect(articleMetaNames(names, only(true, false, false))).toEqual([{ key: 'editor', name: '万先觉' }]);
  });

  test('every choice, in the order 编辑 → 审核 → 签发', () => {
    expect(articleMetaNames(names, only(true, true, true))).toEqual([
      { key: 'editor', name: '万先觉' },
      { key: 'reviewers', name: '李青、张三' },
      { key: 'signer', name: '王总编' },
    ]);
    expect(articleMetaNames(names, only(false, false, true))).toEqual([{ key: 'signer', name: '王总编' }]);
    expect(articleMetaNames(names, only(false, true, false))).toEqual([{ key: 'reviewers', name: '李青、张三' }]);
    expect(articleMetaNames(names, only(false, false, false))).toEqual([]);
  });

  test('a name the story has not got is left out, not shown empty', () => {
    expect(articleMetaNames({ editorName: '万先觉', reviewerNames: '', signerName: '' }, only(true, true, true))).toEqual([{ key: 'editor', name: '万先觉' }]);
  });
});
