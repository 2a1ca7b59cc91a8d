import 'server-only';
import { siteSettings } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { announceStalePages, EVERYTHING } from '../../public-cache';
import { clearSettingsCache } from '../read';
import { groups, type AllSettings, type SettingsGroup } from '../stored';

// For seeding and for the admin settings page: merges and validates a group.
export async function writeSettingsGroup<K extends SettingsGroup>(
  db: Db | Tx,
  key: K,
  value: Partial<AllSettings[K]>,
  updatedById: number | null,
): Promise<void> {
  const current = (await db.select().from(siteSettings)).find((r) => r.key === key)?.value ?? {};
  const merged = groups[key].parse({ ...(current as object), ...value });
  await db
    .insert(siteSettings)
    .values({ key, value: merged, updatedById })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value: merged, updatedById, updatedAt: new Date() } });
  clearSettingsCache();
  // The site's name, address, time zone and footer are on every public page,
  // and the review group says which names every article's meta line shows.
  if (key === 'site' || key === 'footer' || key === 'review') await announceStalePages(db, EVERYTHING);
}

