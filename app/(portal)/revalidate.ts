import { revalidatePath } from 'next/cache';

// After a portal change that the portal's own pages show (a name in the
// header, the bell, a column in the pickers): only the portal's layout. A
// path like '/' with 'layout' would also drop every cached public page, and
// readers' pages change only through the public-change channel
// (lib/public-cache.ts).
export function revalidatePortal(): void {
  revalidatePath('/(portal)', 'layout');
}
