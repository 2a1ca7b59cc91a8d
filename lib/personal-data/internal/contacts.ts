import 'server-only';
import { and, asc, eq, gt, inArray, isNotNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { getDataKeyring } from '../../crypto/keys';
import { lookupHash, lookupHashes, lookupPrefix, open, seal, sealedPrefix } from '../../crypto/sealed';
import { cryptoSuite } from '../../crypto-suite';
import { logger } from '../../logger';
import { CONTACT_FIELDS, normalizeContact, type ContactField } from '../mask';

// The one way to the accounts' contact details (users.email_sealed,
// users.phone_sealed): sealing what is written, opening what is read, the
// keyed hashes equality look-ups use, and the batch jobs that seal what an
// upgrade left in the plain columns and re-seal after a key rotation. These
// take no viewer: lib/users, lib/stories and lib/mail have decided who may.

export type ContactValues = { email: string | null; phone: string | null };

// A value is bound to its account and field: copied elsewhere it does not open.
const contextOf = (userId: number, field: ContactField) => `user:${userId}:${field}`;

// Select these beside users.id, then openContacts(id, row).
export const contactColumns = {
  emailSealed: users.emailSealed,
  phoneSealed: users.phoneSealed,
  plainEmail: users.plainEmail,
  plainPhone: users.plainPhone,
};

export type SealedContactRow = { emailSealed: string | null; phoneSealed: string | null; plainEmail: string | null; plainPhone: string | null };

function openField(userId: number, field: ContactField, sealed: string | null): string | null {
  if (sealed === null) return null;
  const value = open(sealed, getDataKeyring(), contextOf(userId, field));
  if (value === null) logger.error({ userId, field }, 'contact detail does not decrypt: is DATA_ENCRYPTION_KEY (or an old key in DATA_ENCRYPTION_KEYS_OLD) the one it was sealed with?');
  return value;
}

// A plain value still there was written by the previous version after this
// one sealed the row (a rolling upgrade): it is the newer one until sealed.
export function openContacts(userId: number, row: SealedContactRow): ContactValues {
  const isPlain = row.plainEmail !== null || row.plainPhone !== null;
  return isPlain
    ? { email: row.plainEmail || null, phone: row.plainPhone || null }
    : { email: openField(userId, 'email', row.emailSealed), phone: openField(userId, 'phone', row.phoneSealed) };
}

export function openContact(userId: number, field: ContactField, row: SealedContactRow): string | null {
  return openContacts(userId, row)[field];
}

type ContactColumnValues = {
  emailSealed?: string | null;
  emailLookup?: string | null;
  phoneSealed?: string | null;
  phoneLookup?: string | null;
  plainEmail?: null;
  plainPhone?: null;
};

function sealField(userId: number, field: ContactField, value: string | null): { sealed: string | null; lookup: string | null } {
  const text = value?.trim() ? value : null;
  if (text === null) return { sealed: null, lookup: null };
  const key = getDataKeyring().current;
  const suite = cryptoSuite();
  const normalized = normalizeContact(field, text);
  return { sealed: seal(text, key, suite, contextOf(userId, field)), lookup: normalized === null ? null : lookupHash(normalized, key, suite, field) };
}

// What to SET for an account's contact details: a field left undefined is
// kept, null or empty clears it. The plain column of a field written is
// emptied, so what an older version left there never outlives a write.
export function contactColumnValues(userId: number, contact: Partial<ContactValues>): ContactColumnValues {
  const out: ContactColumnValues = {};
  if (contact.email !== undefined) {
    const { sealed, lookup } = sealField(userId, 'email', contact.email);
    Object.assign(out, { emailSealed: sealed, emailLookup: lookup, plainEmail: null });
  }
  if (contact.phone !== undefined) {
    const { sealed, lookup } = sealField(userId, 'phone', contact.phone);
    Object.assign(out, { phoneSealed: sealed, phoneLookup: lookup, plainPhone: null });
  }
  return out;
}

// What to write when a form sends a contact field empty that the server
// cannot read (the key it was sealed with is missing): the form showed it
// empty for that reason, not because someone cleared it, so it is kept.
export async function keepingUnreadable(db: Db | Tx, userId: number, contact: Partial<ContactValues>): Promise<Partial<ContactValues>> {
  const emptied = CONTACT_FIELDS.filter((field) => contact[field] !== undefined && !contact[field]?.trim());
  if (emptied.length === 0) return contact;
  const [row] = await db.select(contactColumns).from(users).where(eq(users.id, userId)).limit(1);
  if (!row) return contact;
  const kept = { ...contact };
  for (const field of emptied) {
    const sealed = field === 'email' ? row.emailSealed : row.phoneSealed;
    if (sealed !== null && open(sealed, getDataKeyring(), contextOf(userId, field)) === null) kept[field] = undefined;
  }
  return kept;
}

// Whether the newest sealed contact details open with this keyring: at
// start, so a missing or wrong DATA_ENCRYPTION_KEY is said at once rather
// than found as empty fields.
export async function contactsOpen(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: users.id, ...contactColumns })
    .from(users)
    .where(or(isNotNull(users.emailSealed), isNotNull(users.phoneSealed)))
    .orderBy(sql`${users.id} desc`)
    .limit(5);
  const keyring = getDataKeyring();
  return (
    rows.length === 0 ||
    rows.some((row) =>
      CONTACT_FIELDS.some((field) => {
        const sealed = field === 'email' ? row.emailSealed : row.phoneSealed;
        return sealed !== null && open(sealed, keyring, contextOf(row.id, field)) !== null;
      }),
    )
  );
}

// Accounts holding exactly this address or number (however typed), under
// any key of the keyring, so a look-up works during a rotation. Null when
// the value normalises to nothing.
export function contactEquals(field: ContactField, value: string): SQL | null {
  const normalized = normalizeContact(field, value);
  if (normalized === null) return null;
  return inArray(field === 'email' ? users.emailLookup : users.phoneLookup, lookupHashes(normalized, getDataKeyring(), field));
}

// Has an address to mail to (sealed, or still plain after an upgrade).
export function hasEmail(): SQL {
  return or(isNotNull(users.emailSealed), sql`nullif(${users.plainEmail}, '') is not null`)!;
}

export const CONTACT_BATCH = 500;

// Seals what the plain columns hold, a batch per transaction, and empties
// them: at start and then each minute (lib/jobs), so values an instance of
// the previous version writes during a rolling upgrade are sealed too. Rows
// are locked with SKIP LOCKED: instances running it at once share the work.
// The previous version writes both fields at once, so a row's plain pair is
// its contact details, and replaces the sealed ones.
export async function sealPlainContacts(db: Db, options: { batchSize?: number } = {}): Promise<{ sealed: number }> {
  const batchSize = options.batchSize ?? CONTACT_BATCH;
  let sealed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: users.id, plainEmail: users.plainEmail, plainPhone: users.plainPhone })
        .from(users)
        .where(or(isNotNull(users.plainEmail), isNotNull(users.plainPhone)))
        .orderBy(asc(users.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        await tx
          .update(users)
          .set(contactColumnValues(row.id, { email: row.plainEmail, phone: row.plainPhone }))
          .where(eq(users.id, row.id));
      }
      return rows.length;
    });
    sealed += done;
    if (done < batchSize) return { sealed };
  }
}

// Sealed with anything but the current key and suite (or hashed so).
function isStale(): SQL {
  const keyring = getDataKeyring();
  const suite = cryptoSuite();
  const sealedAs = sealedPrefix(keyring.current, suite);
  const hashedAs = lookupPrefix(keyring.current, suite);
  const stale = (column: AnyColumn, prefix: string) => sql`(${column} is not null and left(${column}, ${prefix.length}) <> ${prefix})`;
  return or(stale(users.emailSealed, sealedAs), stale(users.phoneSealed, sealedAs), stale(users.emailLookup, hashedAs), stale(users.phoneLookup, hashedAs))!;
}

export type ResealProgress = { batch: number; resealed: number; unreadable: number[] };

// `npm run keys:rotate`: re-seals every contact detail not sealed with the
// current key and suite, a batch per transaction, in id order. Safe while
// the app runs: every instance reads any key of its keyring, rows being
// written are skipped (SKIP LOCKED) and a write seals with the current key
// anyway; run it again to pick up what was skipped. A value no key opens is
// left as it is and reported.
export async function resealContacts(
  db: Db,
  options: { batchSize?: number; onBatch?: (progress: ResealProgress) => Promise<void> | void } = {},
): Promise<{ resealed: number; unreadable: number[]; remaining: number }> {
  const batchSize = options.batchSize ?? CONTACT_BATCH;
  const progress: ResealProgress = { batch: 0, resealed: 0, unreadable: [] };
  let after = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: users.id, ...contactColumns })
        .from(users)
        .where(and(gt(users.id, after), isStale()))
        .orderBy(asc(users.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const unreadable: number[] = [];
      for (const row of rows) {
        const values = resealed(row.id, row);
        if (values === null) unreadable.push(row.id);
        else await tx.update(users).set(values).where(eq(users.id, row.id));
      }
      return { size: rows.length, lastId: rows.at(-1)?.id ?? after, unreadable };
    });
    if (batch.size === 0) break;
    after = batch.lastId;
    progress.batch += 1;
    progress.resealed += batch.size - batch.unreadable.length;
    progress.unreadable.push(...batch.unreadable);
    await options.onBatch?.({ ...progress, unreadable: [...progress.unreadable] });
    if (batch.size < batchSize) break;
  }
  return { resealed: progress.resealed, unreadable: progress.unreadable, remaining: await countStaleContacts(db) };
}

function resealed(userId: number, row: SealedContactRow & { id: number }): ContactColumnValues | null {
  if (row.plainEmail !== null || row.plainPhone !== null) return contactColumnValues(userId, { email: row.plainEmail, phone: row.plainPhone });
  const keyring = getDataKeyring();
  const email = row.emailSealed === null ? null : open(row.emailSealed, keyring, contextOf(userId, 'email'));
  const phone = row.phoneSealed === null ? null : open(row.phoneSealed, keyring, contextOf(userId, 'phone'));
  if ((row.emailSealed !== null && email === null) || (row.phoneSealed !== null && phone === null)) return null;
  return contactColumnValues(userId, { email, phone });
}

export async function countStaleContacts(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(isStale());
  return row?.n ?? 0;
}

// How many accounts' contact details each key and cipher holds, and how many
// are still plain: what `npm run keys:rotate` prints before and after.
export async function contactKeyCounts(db: Db | Tx): Promise<{ sealedAs: string; accounts: number }[]> {
  const sealedAs = sql<string>`coalesce(
    case when ${users.plainEmail} is not null or ${users.plainPhone} is not null then 'plain' end,
    split_part(coalesce(${users.emailSealed}, ${users.phoneSealed}), '.', 2) || ' ' || split_part(coalesce(${users.emailSealed}, ${users.phoneSealed}), '.', 3)
  )`;
  const rows = await db
    .select({ sealedAs, accounts: sql<number>`count(*)::int` })
    .from(users)
    .where(or(isNotNull(users.emailSealed), isNotNull(users.phoneSealed), isNotNull(users.plainEmail), isNotNull(users.plainPhone)))
    .groupBy(sealedAs)
    .orderBy(sealedAs);
  return rows;
}
