import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { parseColumnCursor } from '@/lib/public-paths';
import { pageLocale } from '../../../../page-locale';
import { ColumnPage, columnPageMetadata } from '../../column-page';

type Props = { params: Promise<{ locale: string; slug: string; cursor: string }> };

// An older page holds stories before its cursor: new stories do not change
// it, so it stays cached until a story inside it is unpublished or edited.
export const revalidate = 60;

export function generateStaticParams(): { cursor: string }[] {
  return [];
}

async function cursorOf(params: Props['params']) {
  const cursor = parseColumnCursor((await params).cursor);
  if (!cursor) notFound();
  return cursor;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return columnPageMetadata(await pageLocale(params), (await params).slug, await cursorOf(params));
}

export default async function ColumnOlderPage({ params }: Props) {
  const locale = await pageLocale(params);
  return <ColumnPage locale={locale} slug={(await params).slug} cursor={await cursorOf(params)} />;
}
