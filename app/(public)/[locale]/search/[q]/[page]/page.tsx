// A later page of one query's results: the first page's functions, which
// read the page number from the params. Segment options are per file.
export { default, generateMetadata } from '../page';

export const revalidate = 60;

export function generateStaticParams(): { page: string }[] {
  return [];
}
