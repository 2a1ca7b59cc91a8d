import 'server-only';
import { getDb, getDbKind } from '@/db/client';
import { backfillFingerprints } from './duplicates';
import { logger } from './logger';
import { contactsOpen, sealPlainContacts } from './personal-data/internal/contacts';
import { backfillSearchIndex } from './search-index';
import { formatDemoAccounts, hasAnyUser, isDemoSeeded, seedDemo } from './seed/demo';
import { resolveSiteOrigin } from './seo';
import { getSiteSettings } from './settings';

// Opens the pool and applies migrations before the first request, so the
// first visitor does not pay for it and a broken database shows at once. On
// the embedded database, an empty one gets the demo site.
export async function prepareDatabase(): Promise<void> {
  const db = await getDb();
  const kind = await getDbKind();
  if (kind === 'pglite') {
    const { seeded } = await seedDemo(db);
    if (seeded) logger.info('Seeded the demo site into the embedded database');
    if (await isDemoSeeded(db)) console.log(`\n${formatDemoAccounts()}\n`);
  } else if (!(await hasAnyUser(db))) {
    console.log('\nNo accounts yet. Create the first administrator:\n  npm run user -- create --username admin --password <at least 10 characters> --role admin --name "管理员"\n');
  }
  // Stories filed before the duplicate check existed (or seeded) get their
  // fingerprints once; later ones get them as they are filed.
  const { fingerprinted } = await backfillFingerprints(db);
  if (fingerprinted) logger.info({ fingerprinted }, 'Fingerprinted stories for the duplicate check');
  const { indexed } = await backfillSearchIndex(db);
  if (indexed) logger.info({ indexed }, 'Indexed published stories for search');
  // Contact details an earlier version stored in the clear (the migration
  // cannot seal them: only the app holds the key).
  const { sealed } = await sealPlainContacts(db);
  if (sealed) logger.info({ sealed }, 'Sealed the contact details of accounts stored in the clear');
  if (!(await contactsOpen(db))) {
    logger.error('Contact details do not decrypt: is DATA_ENCRYPTION_KEY (or AUTH_SECRET, while it is unset) the one they were sealed with? Old keys go in DATA_ENCRYPTION_KEYS_OLD.');
  }
  await warnWithoutPublicAddress();
}

// Without a public address every absolute link (feeds, sitemaps, canonical,
// share codes, e-mails) is missing: said loudly at start, and to
// administrators in the portal until it is set.
async function warnWithoutPublicAddress(): Promise<void> {
  const { site } = await getSiteSettings();
  if (resolveSiteOrigin(site.baseUrl)) return;
  logger.warn('No public address is set: feeds, sitemaps and canonical links will lack full addresses');
  const bar = '!'.repeat(78);
  console.warn(
    [
      '',
      bar,
      '!! The site has no public address. Set PUBLIC_BASE_URL (e.g. https://news.example.cn)',
      '!! or 公开网址 at /admin/settings: links in feeds, sitemaps, canonical tags and',
      '!! e-mails are built from it, never from the Host a request names.',
      bar,
      '',
    ].join('\n'),
  );
}
