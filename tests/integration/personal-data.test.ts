import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { systemActor } from '@/lib/actors';
import { getDataKeyring, replaceDataKeyringForTests } from '@/lib/crypto/keys';
import { sealedPrefix, sealingKey } from '@/lib/crypto/sealed';
import { cryptoSuite } from '@/lib/crypto-suite';
import { revealContact } from '@/lib/personal-data';
import { contactColumnValues, countStaleContacts, sealPlainContacts } from '@/lib/personal-data/internal/contacts';
import { rotateContactKeys } from '@/lib/personal-data/internal/rotation';
import { clearSettingsCache, getSiteSettings, updateSettings } from '@/lib/settings';
import { writeSettingsGroup } from '@/lib/settings/internal/write';
import { getStoryPeople, getVisibleStory, revealStoryOwnerContact } from '@/lib/stories';
import { createUser, getOwnProfile, getUser, listUsers, updateOwnProfile, updateUser } from '@/lib/users';
import { createAdmin, createCorrespondent, createEditor, createSubmittedStory, expectAppError, uniqueToken, uniqueUsername, type TestUser } from '../support/factories';

// Personal data (lib/personal-data) on PostgreSQL: the accounts' e-mail
// addresses and phone numbers are sealed at rest, found by keyed hash,
// masked where the site masks them and revealed by an audited request,
// sealed after an upgrade from the plain columns, and moved to a new key in
// batches while the app keeps reading them.

let admin: TestUser;
let editor: TestUser;

beforeAll(async () => {
  admin = await createAdmin();
  editor = await createEditor();
});

afterEach(() => replaceDataKeyringForTests(null));

async function rawContact(id: number) {
  const db = await getDb();
  const [row] = await db
    .select({
      email: users.plainEmail,
      phone: users.plainPhone,
      emailSealed: users.emailSealed,
      phoneSealed: users.phoneSealed,
      emailLookup: users.emailLookup,
      phoneLookup: users.phoneLookup,
    })
    .from(users)
    .where(eq(users.id, id));
  return row!;
}

// A phone number nobody else in this database has.
function uniquePhone(): string {
  return `139${String(randomBytes(4).readUInt32BE() % 1e8).padStart(8, '0')}`;
}

async function withContact(options: { email?: string | null; phone?: string | null } = {}): Promise<{ id: number; email: string | null; phone: string | null }> {
  const email = options.email === undefined ? `Zhang.${uniqueToken()}@Example.cn` : options.email;
  const phone = options.phone === undefined ? uniquePhone() : options.phone;
  const { user } = await createUser(admin.viewer, { username: uniqueUsername('pd'), displayName: '张三', role: 'editor', email: email ?? undefined, phone: phone ?? undefined });
  return { id: user.id, email, phone };
}

async function setMasking(maskPersonalData: boolean, profile: 'none' | 'dengbao3' = 'none'): Promise<void> {
  const db = await getDb();
  await writeSettingsGroup(db, 'privacy', { maskPersonalData }, null);
  await writeSettingsGroup(db, 'security', { profile }, null);
  clearSettingsCache();
}

async function lastAudit(actorId: number) {
  const db = await getDb();
  const [row] = await db.select().from(auditLog).where(eq(auditLog.actorId, actorId)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

describe('at rest', () => {
  test('e-mail and phone are stored sealed with a keyed hash beside them, never in the clear', async () => {
    const { id, email, phone } = await withContact();
    const raw = await rawContact(id);
    expect(raw.email).toBeNull();
    expect(raw.phone).toBeNull();
    const prefix = sealedPrefix(getDataKeyring().current, cryptoSuite());
    expect(raw.emailSealed!.startsWith(prefix)).toBe(true);
    expect(raw.phoneSealed!.startsWith(prefix)).toBe(true);
    for (const stored of [raw.emailSealed, raw.phoneSealed, raw.emailLookup, raw.phoneLookup]) {
      expect(stored).not.toContain(email!.split('@')[0]);
      expect(stored).not.toContain(email!.toLowerCase().split('@')[0]);
      expect(stored).not.toContain(phone);
      expect(stored).not.toContain(phone!.slice(-4));
    }
    // Nothing of either in any column of the row, as text.
    const db = await getDb();
    const [whole] = await queryRows<{ row: string }>(db, sql`select u::text as row from users u where id = ${id}`);
    expect(whole!.row).not.toContain(phone);
    expect(whole!.row.toLowerCase()).not.toContain(email!.toLowerCase());
    // And read back as typed.
    expect(await getUser(admin.viewer, id)).toMatchObject({ email, phone, contactMasked: false });
  });

  test('a value copied onto another account does not open there', async () => {
    const a = await withContact();
    const b = await withContact();
    const db = await getDb();
    const raw = await rawContact(a.id);
    await db.update(users).set({ phoneSealed: raw.phoneSealed }).where(eq(users.id, b.id));
    expect((await getUser(admin.viewer, b.id)).phone).toBeNull();
    // Tidy: a rotation would report it (as it should).
    await db.update(users).set(contactColumnValues(b.id, { phone: null })).where(eq(users.id, b.id));
  });

  test('saving: an administrator’s form keeps what it left out and clears what it emptied; the owner’s profile too', async () => {
    const { id, email, phone } = await withContact();
    await updateUser(admin.viewer, id, { displayName: '张三', role: 'editor', phone: '023-88196826' });
    expect(await getUser(admin.viewer, id)).toMatchObject({ email, phone: '023-88196826' });
    await updateUser(admin.viewer, id, { displayName: '张三', role: 'editor', email: '', phone: undefined });
    expect(await getUser(admin.viewer, id)).toMatchObject({ email: null, phone: '023-88196826' });
    expect((await rawContact(id)).emailLookup).toBeNull();
    expect(phone).not.toBe('023-88196826');

    const author = await createCorrespondent();
    await updateOwnProfile(author.viewer, { displayName: '方勇', email: 'fangyong@example.cn', phone: '138 1234 5678' });
    expect(await getOwnProfile(author.viewer)).toMatchObject({ email: 'fangyong@example.cn', phone: '138 1234 5678' });
    const raw = await rawContact(author.id);
    expect(raw.phoneSealed).not.toContain('5678');
    expect(raw.phone).toBeNull();
  });
});

describe('look-ups by keyed hash', () => {
  test('the account list finds an account by its whole e-mail address or phone number, however typed', async () => {
    const phone = uniquePhone();
    const { id, email } = await withContact({ phone });
    const other = await withContact();
    const found = async (q: string) => (await listUsers(admin.viewer, { q, status: 'all' })).rows.map((row) => row.id);
    expect(await found(email!.toUpperCase())).toEqual([id]);
    expect(await found(` ${email!.toLowerCase()} `)).toEqual([id]);
    expect(await found(`+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`)).toEqual([id]);
    expect(await found(`${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`)).toEqual([id]);
    // A part of a number is not a look-up: contact details are not searched as text.
    expect(await found(phone.slice(0, 7))).not.toContain(id);
    expect(await found(phone)).not.toContain(other.id);
  });
});

describe('masking and revealing', () => {
  afterAll(() => setMasking(false));

  test('off by default: shown in full, as before', async () => {
    await setMasking(false);
    const { id, phone } = await withContact();
    const listed = (await listUsers(admin.viewer, { q: '张三', status: 'all', pageSize: 100 })).rows.find((row) => row.id === id);
    expect(listed).toMatchObject({ phone, contactMasked: false });
  });

  test('on: lists and the review desk show them masked, their owner in full; the 等保 profile forces it', async () => {
    await setMasking(true);
    const { id, email, phone } = await withContact();
    const summary = await getUser(admin.viewer, id);
    expect(summary).toMatchObject({ email: `Z***@Example.cn`, phone: `${phone!.slice(0, 3)}****${phone!.slice(-4)}`, contactMasked: true });
    const listed = (await listUsers(admin.viewer, { q: email!, status: 'all' })).rows;
    expect(listed.map((row) => [row.id, row.contactMasked])).toEqual([[id, true]]);
    // An administrator's own row, and one's own profile, in full.
    await updateOwnProfile(admin.viewer, { displayName: admin.viewer.displayName, phone: '13900001111' });
    expect(await getUser(admin.viewer, admin.id)).toMatchObject({ phone: '13900001111', contactMasked: false });
    expect((await getOwnProfile(admin.viewer)).phone).toBe('13900001111');

    const { author, story } = await createSubmittedStory();
    await updateOwnProfile(author.viewer, { displayName: '方勇', phone: '13812345678', email: 'fangyong@example.cn' });
    const handle = await getVisibleStory(editor.viewer, story.id);
    expect((await getStoryPeople(editor.viewer, handle)).owner).toMatchObject({ phone: '138****5678', email: 'f***@example.cn', contactMasked: true });
    expect(await getOwnProfile(author.viewer)).toMatchObject({ phone: '13812345678', email: 'fangyong@example.cn' });

    await setMasking(false, 'dengbao3');
    expect((await getSiteSettings()).security.profile).toBe('dengbao3');
    expect(await getUser(admin.viewer, id)).toMatchObject({ contactMasked: true });
    await setMasking(false);
    expect(await getUser(admin.viewer, id)).toMatchObject({ email, phone, contactMasked: false });
  });

  test('the setting is saved by administrators at /admin/settings, audited as a settings change', async () => {
    await setMasking(false);
    await updateSettings(admin.viewer, 'privacy', { maskPersonalData: true });
    expect(await lastAudit(admin.id)).toMatchObject({ action: 'settings.update', targetId: 'privacy', meta: { fields: ['maskPersonalData'] } });
    expect((await getUser(admin.viewer, (await withContact()).id)).contactMasked).toBe(true);
    await expectAppError(updateSettings(editor.viewer, 'privacy', { maskPersonalData: false }), 'forbidden');
    await updateSettings(admin.viewer, 'privacy', { maskPersonalData: false });
  });

  test('an administrator reveals one field in full; the audit trail names whose and which, never the value', async () => {
    await setMasking(true);
    const { id, phone } = await withContact();
    expect(await revealContact(admin.viewer, id, 'phone')).toBe(phone);
    const row = await lastAudit(admin.id);
    expect(row).toMatchObject({ action: 'personal_data.reveal', targetType: 'user', targetId: String(id), meta: { field: 'phone' } });
    expect(JSON.stringify(row!.meta)).not.toContain(phone!.slice(-4));
    await expectAppError(revealContact(admin.viewer, 2_000_000_000, 'email'), 'not_found');
  });

  test('refused to editors and correspondents, with nothing recorded as revealed', async () => {
    const { id } = await withContact();
    const author = await createCorrespondent();
    const db = await getDb();
    const before = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'personal_data.reveal'), eq(auditLog.targetId, String(id))));
    await expectAppError(revealContact(editor.viewer, id, 'phone'), 'forbidden');
    await expectAppError(revealContact(author.viewer, id, 'email'), 'forbidden');
    const after = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'personal_data.reveal'), eq(auditLog.targetId, String(id))));
    expect(after).toEqual(before);
  });

  test('the desk reveals the correspondent of a story it may see, audited with the story; nobody else’s', async () => {
    await setMasking(true);
    const { author, story } = await createSubmittedStory();
    await updateOwnProfile(author.viewer, { displayName: '方勇', phone: '13812345678' });
    const handle = await getVisibleStory(editor.viewer, story.id);
    expect(await revealStoryOwnerContact(editor.viewer, handle, 'phone')).toBe('13812345678');
    expect(await lastAudit(editor.id)).toMatchObject({ action: 'personal_data.reveal', targetId: String(author.id), meta: { field: 'phone', storyId: story.id } });
    // A correspondent is not the desk, even for their own story's handle.
    await expectAppError(revealStoryOwnerContact(author.viewer, await getVisibleStory(author.viewer, story.id), 'phone'), 'forbidden');
  });
});

describe('after an upgrade: the plain columns', () => {
  test('read as they are until sealed; sealed in batches, emptied, found by hash afterwards', async () => {
    const db = await getDb();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await withContact({ email: null, phone: null });
      ids.push(id);
    }
    // As the previous version stored them.
    const phone = uniquePhone();
    await db.update(users).set({ plainEmail: sql`'Old.' || ${users.id} || '@Example.cn'`, plainPhone: phone }).where(inArray(users.id, ids));
    expect(await getUser(admin.viewer, ids[0]!)).toMatchObject({ email: `Old.${ids[0]}@Example.cn`, phone });

    const { sealed } = await sealPlainContacts(db, { batchSize: 2 });
    expect(sealed).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const raw = await rawContact(id);
      expect(raw).toMatchObject({ email: null, phone: null });
      expect(raw.emailSealed).toMatch(/^s1\./);
      expect(await getUser(admin.viewer, id)).toMatchObject({ email: `Old.${id}@Example.cn`, phone });
    }
    expect((await listUsers(admin.viewer, { q: `old.${ids[1]}@example.cn`, status: 'all' })).rows.map((row) => row.id)).toEqual([ids[1]]);
    expect(await sealPlainContacts(db)).toEqual({ sealed: 0 });
  });

  test('a value an older instance writes after sealing wins until it is sealed in turn', async () => {
    const { id } = await withContact();
    const db = await getDb();
    await db.update(users).set({ plainEmail: 'newer@example.cn', plainPhone: null }).where(eq(users.id, id));
    expect(await getUser(admin.viewer, id)).toMatchObject({ email: 'newer@example.cn', phone: null });
    await sealPlainContacts(db);
    expect(await getUser(admin.viewer, id)).toMatchObject({ email: 'newer@example.cn', phone: null });
    expect(await rawContact(id)).toMatchObject({ email: null, phoneSealed: null });
  });
});

describe('key rotation', () => {
  test('re-seals every account in batches onto the new key; the app reads them before, during and after', async () => {
    const original = getDataKeyring();
    const accounts = await Promise.all(Array.from({ length: 7 }, () => withContact()));
    const check = async () => {
      for (const { id, email, phone } of accounts) expect(await getUser(admin.viewer, id)).toMatchObject({ email, phone });
      const { id, email } = accounts[3]!;
      expect((await listUsers(admin.viewer, { q: email!, status: 'all' })).rows.map((row) => row.id)).toEqual([id]);
    };
    await check();

    // The new key in DATA_ENCRYPTION_KEY, the old one in DATA_ENCRYPTION_KEYS_OLD.
    const next = sealingKey(randomBytes(32));
    const db = await getDb();
    try {
      replaceDataKeyringForTests({ current: next, retired: [original.current, ...original.retired] });
      const stale = await countStaleContacts(db);
      expect(stale).toBeGreaterThanOrEqual(7);
      // Meanwhile a write seals with the new key.
      await updateUser(admin.viewer, accounts[0]!.id, { displayName: '张三', role: 'editor', phone: accounts[0]!.phone });

      const batches: number[] = [];
      const result = await rotateContactKeys(db, {
        batchSize: 3,
        onBatch: async (progress) => {
          batches.push(progress.resealed);
          await check();
        },
      });
      expect(result.unreadable).toEqual([]);
      expect(result.remaining).toBe(0);
      expect(result.resealed).toBeGreaterThanOrEqual(stale - 1);
      expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(7 / 3));
      expect(batches.slice(0, -1).every((n, i) => n === 3 * (i + 1))).toBe(true);
      expect(await countStaleContacts(db)).toBe(0);
      for (const { id } of accounts) expect((await rawContact(id)).phoneSealed!.startsWith(sealedPrefix(next, cryptoSuite()))).toBe(true);
      const [audited] = await db.select().from(auditLog).where(eq(auditLog.action, 'keys.rotate')).orderBy(desc(auditLog.id)).limit(1);
      expect(audited).toMatchObject({ actorId: null, meta: { keyId: next.id, resealed: result.resealed, remaining: 0 } });

      // The old key dropped: everything still reads.
      replaceDataKeyringForTests({ current: next, retired: [] });
      await check();
      // And a second run has nothing to do.
      expect((await rotateContactKeys(db)).resealed).toBe(0);
    } finally {
      // Back to the environment's key, for the other test files.
      replaceDataKeyringForTests({ current: original.current, retired: [next] });
      expect((await rotateContactKeys(db, { batchSize: 500 })).remaining).toBe(0);
      replaceDataKeyringForTests(null);
    }
    await check();
  });

  test('a value no key opens is reported and left as it is, and the rotation still ends', async () => {
    const original = getDataKeyring();
    const lost = sealingKey(randomBytes(32));
    replaceDataKeyringForTests({ current: lost, retired: [] });
    const { id } = await withContact();
    const before = await rawContact(id);
    replaceDataKeyringForTests(original);
    const db = await getDb();
    const result = await rotateContactKeys(db, { batchSize: 2 });
    expect(result.unreadable).toContain(id);
    expect(await rawContact(id)).toEqual(before);
    expect((await getUser(admin.viewer, id)).phone).toBeNull();
    // Shown empty for that reason, a form saved as it is does not erase it.
    await updateUser(admin.viewer, id, { displayName: '张三', role: 'editor', email: '', phone: '' });
    expect(await rawContact(id)).toEqual(before);
    // Typed anew, it is replaced.
    await updateUser(admin.viewer, id, { displayName: '张三', role: 'editor', email: '', phone: '13700000000' });
    expect((await getUser(admin.viewer, id)).phone).toBe('13700000000');
    expect((await rawContact(id)).emailSealed).toBe(before.emailSealed);
    // Tidy: the account's details cleared, so later runs have nothing unreadable.
    await db.update(users).set(contactColumnValues(id, { email: null, phone: null })).where(eq(users.id, id));
  });

  test('npm run keys:rotate does the same from the command line', async () => {
    const accounts = await Promise.all(Array.from({ length: 3 }, () => withContact()));
    const next = randomBytes(32);
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL, DATA_ENCRYPTION_KEY: next.toString('base64'), LOG_LEVEL: 'silent' };
    const original = getDataKeyring();
    try {
      const { stdout } = await run('npx', ['tsx', '--import', './scripts/server-only-hook.mjs', 'scripts/keys.ts', 'rotate', '--batch', '2'], { env, timeout: 90_000 });
      expect(stdout).toContain(`key ${sealingKey(next).id}`);
      expect(stdout).toContain('Nothing is left on another key');
      replaceDataKeyringForTests({ current: sealingKey(next), retired: [original.current] });
      for (const { id, phone } of accounts) {
        expect((await rawContact(id)).phoneSealed!.startsWith(sealedPrefix(sealingKey(next), cryptoSuite()))).toBe(true);
        expect((await getUser(admin.viewer, id)).phone).toBe(phone);
      }
    } finally {
      replaceDataKeyringForTests({ current: original.current, retired: [sealingKey(next)] });
      expect((await rotateContactKeys(await getDb())).remaining).toBe(0);
    }
  }, 120_000);
});

test('accounts made by the command line are sealed the same way', async () => {
  const { user } = await createUser(systemActor, { username: uniqueUsername('cli'), displayName: '命令行', role: 'editor', password: 'Cli-password-2026', email: 'cli@example.cn' });
  expect((await rawContact(user.id)).emailSealed).toMatch(/^s1\./);
});
