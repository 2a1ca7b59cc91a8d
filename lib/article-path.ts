// An article's public address: the editor's public id when set, else its
// number. Pure, so page code, feeds and metadata share one rule.
export function articlePath(story: { id: number; publicId: string | null }): string {
  return `/articles/${story.publicId ?? story.id}`;
}
