import type { Metadata } from 'next';
import { pageLocale } from '../../page-locale';
import { ColumnPage, columnPageMetadata } from './column-page';

type Props = { params: Promise<{ locale: string; slug: string }> };

// Cached like every public page; a story entering or leaving the column
// invalidates it (lib/public-cache.ts).
export const revalidate = 60;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return columnPageMetadata(await pageLocale(params), (await params).slug);
}

export default async function ColumnFirstPage({ params }: Props) {
  const locale = await pageLocale(params);
  return <ColumnPage locale={locale} slug={(await params).slug} />;
}
