import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { parseCorrectionsPage } from '@/lib/public-paths';
import { pageLocale } from '../../../page-locale';
import { CorrectionsPage, correctionsPageMetadata } from '../../corrections-page';

type Props = { params: Promise<{ locale: string; page: string }> };

// Numbered pages shift when a correction is added: they go stale with page one.
export const revalidate = 60;

export function generateStaticParams(): { page: string }[] {
  return [];
}

async function pageOf(params: Props['params']): Promise<number> {
  const page = parseCorrectionsPage((await params).page);
  if (!page) notFound();
  return page;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await pageLocale(params);
  return correctionsPageMetadata(await pageOf(params));
}

export default async function CorrectionsOlderPage({ params }: Props) {
  const locale = await pageLocale(params);
  return <CorrectionsPage locale={locale} page={await pageOf(params)} />;
}
