// npm run db:seed -- --demo: seeds the demo site into an empty database.
// Never runs unasked against a DATABASE_URL database.
import { closeDb, getDb } from '../db/client';
import { formatDemoAccounts, seedDemo } from '../lib/seed/demo';

async function main() {
  if (!process.argv.includes('--demo')) {
    console.error('Usage: npm run db:seed -- --demo   (seeds the demo site into an empty database)');
    process.exitCode = 2;
    return;
  }
  const { seeded } = await seedDemo(await getDb());
  if (!seeded) {
    console.error('The database already has accounts; the demo is only seeded into an empty database.');
    process.exitCode = 1;
    return;
  }
  console.log(`Demo seeded.\n${formatDemoAccounts()}`);
}

main()
  .catch((error) => {
    console.error(`Seeding failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
