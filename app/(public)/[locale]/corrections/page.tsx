import type { Metadata } from 'next';
import { pageLocale } from '../page-locale';
import { CorrectionsPage, correctionsPageMetadata } from './corrections-page';

type Props = { params: Promise<{ locale: string }> };

// Cached like every public page; a correction published, or a corrected story
// changed or taken down, invalidates it (lib/public-cache.ts).
export const revalidate = 60;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return correctionsPageMetadata(1);
}

export default async function CorrectionsFirstPage({ params }: Props) {
  const locale = await pageLocale(params);
  return <CorrectionsPage locale={locale} page={1} />;
}
