import type { Metadata } from 'next';
import { pageLocale } from '../../page-locale';
import { SearchPage, searchInput, searchMetadata } from '../search-page';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

// A query that cannot travel as a path segment (it holds / # % or is a dot
// path, see searchRewrites in lib/public-paths.ts), answered per request
// from the query string. Rare: such characters only separate words.
export const dynamic = 'force-dynamic';

async function inputOf(searchParams: Props['searchParams']) {
  const { q, page } = await searchParams;
  return searchInput(Array.isArray(q) ? q[0] : q, Array.isArray(page) ? page[0] : page);
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  await pageLocale(params);
  return searchMetadata((await inputOf(searchParams)).q);
}

export default async function SearchByQueryStringPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  return <SearchPage locale={locale} {...await inputOf(searchParams)} />;
}
