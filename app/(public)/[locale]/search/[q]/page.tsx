import type { Metadata } from 'next';
import { pageLocale } from '../../page-locale';
import { SearchPage, fromSegment, searchInput, searchMetadata } from '../search-page';

// One page of one query's results (see ../search-page.tsx); ./[page] serves
// the later pages with these same functions.
type Props = { params: Promise<{ locale: string; q: string; page?: string }> };

export const revalidate = 60;

export function generateStaticParams(): { q: string }[] {
  return [];
}

const inputOf = (params: { q: string; page?: string }) => searchInput(fromSegment(params.q), params.page);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return searchMetadata(inputOf(await params).q);
}

export default async function SearchResultsPage({ params }: Props) {
  const locale = await pageLocale(params);
  return <SearchPage locale={locale} {...inputOf(await params)} />;
}
