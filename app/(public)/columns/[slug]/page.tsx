import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { formatDate } from '@/lib/format';
import { articlePath, getColumnBySlug, listColumnPage } from '@/lib/public-stories';
import { getPublicSite } from '@/lib/feeds';
import { columnMetadata } from '@/lib/seo';
import { getSiteSettings } from '@/lib/settings';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ before?: string }> };

// ?before=<publishedAt ms>_<id>: the keyset of the last story on the previous page.
function parseCursor(value: string | undefined): { publishedAt: Date; id: number } | undefined {
  const match = value?.match(/^(\d{1,15})_(\d{1,10})$/);
  return match ? { publishedAt: new Date(Number(match[1])), id: Number(match[2]) } : undefined;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const column = await getColumnBySlug((await params).slug);
  return column ? columnMetadata(column, await getPublicSite(await headers()), { before: (await searchParams).before }) : {};
}

export default async function ColumnPage({ params, searchParams }: Props) {
  const column = await getColumnBySlug((await params).slug);
  if (!column) notFound();
  const before = parseCursor((await searchParams).before);
  const [t, settings, page] = await Promise.all([getTranslations('public'), getSiteSettings(), listColumnPage(column.id, { before })]);
  const last = page.items.at(-1);
  return (
    <section className="mx-auto max-w-4xl rounded-lg border border-line bg-white p-5 shadow-xs sm:p-8">
      <h1 className="border-l-4 border-brand-600 pl-3 text-xl font-bold">{column.name}</h1>
      {column.description && <p className="mt-1 pl-4 text-sm text-ink-500">{column.description}</p>}
      {page.items.length ? (
        <ul className="mt-4 divide-y divide-dashed divide-line">
          {page.items.map((s) => (
            <li key={s.id} className="py-3">
              <div className="flex items-baseline justify-between gap-3">
                <Link href={articlePath(s)} className="font-medium hover:text-brand-700">
                  {s.title}
                </Link>
                <time className="shrink-0 text-xs text-ink-500">{formatDate(s.publishedAt, settings.site.timeZone)}</time>
              </div>
              {s.summary && <p className="mt-1 line-clamp-2 text-sm text-ink-500">{s.summary}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-ink-500">{t('noStories')}</p>
      )}
      <div className="mt-6 flex justify-between text-sm">
        {before ? <Link href={`/columns/${column.slug}`} className="text-brand-700 hover:underline">« {t('newer')}</Link> : <span />}
        {page.hasMore && last && (
          <Link href={`/columns/${column.slug}?before=${last.publishedAt.getTime()}_${last.id}`} className="text-brand-700 hover:underline">
            {t('older')} »
          </Link>
        )}
      </div>
    </section>
  );
}
