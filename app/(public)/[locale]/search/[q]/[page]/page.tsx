import type { Metadata } from 'next';
import { pageLocale } from '../../../page-locale';
import { SearchPage, fromSegment, searchInput, searchMetadata } from '../../search-page';

type Props = { params: Promise<{ locale: string; q: string; page: string }> };

// A later page of one query's results (see ../../search-page.tsx).
export const revalidate = 60;

const searchInputOf = (params: { q: string; page: string }) => searchInput(fromSegment(params.q), params.page);

export function generateStaticParams(): { page: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return searchMetadata(searchInputOf(await params).q);
}

export default async function SearchResultsLaterPage({ params }: Props) {
  const locale = await pageLocale(params);
  return <SearchPage locale={locale} {...searchInputOf(await params)} />;
}
