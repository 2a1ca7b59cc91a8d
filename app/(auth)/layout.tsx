import { getLocale } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Document } from '@/components/document';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  // Per request: the session and the language cookie decide what it shows.
  await connection();
  return <Document locale={await getLocale()}>{children}</Document>;
}
