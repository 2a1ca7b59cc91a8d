import type { ReviewSettings } from './settings/stored';

// The names an article's meta line shows after 时间, 来源 and 作者, in the
// order Chinese news sites print them (编辑 → 审核 → 签发): those the review
// settings ask for and the story has.
export type ArticleMetaNameKey = 'editor' | 'reviewers' | 'signer';

export type ArticleNames = { editorName: string; reviewerNames: string; signerName: string };

export type ArticleMetaChoice = Pick<ReviewSettings, 'articleShowsEditor' | 'articleShowsReviewers' | 'articleShowsSigner'>;

export function articleMetaNames(article: ArticleNames, choice: ArticleMetaChoice): { key: ArticleMetaNameKey; name: string }[] {
  const all: [ArticleMetaNameKey, boolean, string][] = [
    ['editor', choice.articleShowsEditor, article.editorName],
    ['reviewers', choice.articleShowsReviewers, article.reviewerNames],
    ['signer', choice.articleShowsSigner, article.signerName],
  ];
  return all.filter(([, shown, name]) => shown && name !== '').map(([key, , name]) => ({ key, name }));
}
