// Re-seals personal data with the current key and algorithm:
//   npm run keys:rotate [-- --batch 500] [--vacuum]
// Set the new key in DATA_ENCRYPTION_KEY and the old one(s) in
// DATA_ENCRYPTION_KEYS_OLD on every instance first (they read both), then
// run this; once it reports nothing left, drop the old keys. Switching
// CRYPTO_SUITE is the same: restart with it, then run this.
// Exit codes: 0 done, 1 values no key opens, 2 usage, 3 database unavailable or locked.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { getDb, getDbKind } from '../db/client';
import { contactKeyCounts } from '../lib/personal-data/internal/contacts';
import { rotateContactKeys } from '../lib/personal-data/internal/rotation';
import { runCommand, UsageError } from './cli';

const usage = `Usage:
  npm run keys:rotate [-- --batch <1..5000>] [--vacuum]
    --batch   accounts re-sealed per transaction (500)
    --vacuum  then rewrite the users table (VACUUM FULL, PostgreSQL), so the
              row versions holding the old ciphertexts and any plain values
              an earlier version stored are not kept in its free space`;

async function printCounts(label: string): Promise<void> {
  const counts = await contactKeyCounts(await getDb());
  const lines = counts.map(({ sealedAs, accounts }) => `  ${sealedAs}: ${accounts}`);
  console.log(`${label}:\n${lines.length ? lines.join('\n') : '  (no account has contact details)'}`);
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'rotate') throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  const { values } = parseArgs({ args: rest, options: { batch: { type: 'string' }, vacuum: { type: 'boolean' } }, strict: true });
  const batchSize = values.batch === undefined ? 500 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new UsageError('--batch must be a whole number from 1 to 5000');

  const db = await getDb();
  await printCounts('Contact details by cipher and key, before');
  const result = await rotateContactKeys(db, {
    batchSize,
    onBatch: ({ batch, resealed }) => console.log(`  batch ${batch}: ${resealed} accounts re-sealed so far`),
  });
  if (result.sealedPlain) console.log(`Sealed ${result.sealedPlain} accounts' plain contact details.`);
  console.log(`Re-sealed ${result.resealed} accounts with ${result.cipher}, key ${result.keyId}.`);
  await printCounts('After');
  if (values.vacuum) {
    if ((await getDbKind()) === 'postgres') {
      await db.execute(sql`vacuum full users`);
      console.log('Rewrote the users table (VACUUM FULL).');
    } else {
      console.log('--vacuum is for PostgreSQL; the embedded database was left as it is.');
    }
  }
  if (result.unreadable.length) {
    console.error(
      `${result.unreadable.length} accounts have contact details no key opens (ids ${result.unreadable.slice(0, 20).join(', ')}${result.unreadable.length > 20 ? ', …' : ''}):\n` +
        'add the key they were sealed with to DATA_ENCRYPTION_KEYS_OLD (and check AUTH_SECRET is the server\'s) and run again.',
    );
    process.exitCode = 1;
  } else if (result.remaining) {
    console.log(`${result.remaining} accounts were being written meanwhile and were skipped: run it again.`);
  } else {
    console.log('Nothing is left on another key: the old keys may be removed from DATA_ENCRYPTION_KEYS_OLD.');
  }
}

runCommand(() => run(process.argv.slice(2)), usage);
