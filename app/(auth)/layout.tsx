import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Document } from '@/components/document';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  return <Document locale={await getLocale()}>{children}</Document>;
}
