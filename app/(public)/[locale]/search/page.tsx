import type { Metadata } from 'next';
import { pageLocale } from '../page-locale';
import { SearchPage, searchMetadata } from './search-page';

type Props = { params: Promise<{ locale: string }> };

// The form alone; a query arrives at ./[q] (see search-page.tsx).
export const revalidate = 60;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return searchMetadata('');
}

export default async function EmptySearchPage({ params }: Props) {
  return <SearchPage locale={await pageLocale(params)} q="" page={1} />;
}
