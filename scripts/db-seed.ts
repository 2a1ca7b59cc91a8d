// npm run db:seed -- --demo: seeds the demo site into an empty database.
// npm run db:seed -- --volume 500: adds that many generated stories in every
// state (a live queue, an archive) to a demo database.
// Never runs unasked against a DATABASE_URL database.
import { closeDb, getDb } from '../db/client';
import { formatDemoAccounts, seedDemo } from '../lib/seed/demo';
import { seedVolume } from '../lib/seed/volume';

function volumeArg(): number | null {
  const i = process.argv.indexOf('--volume');
  if (i < 0) return null;
  const n = Number(process.argv[i + 1]);
  return Number.isInteger(n) && n > 0 && n <= 1_000_000 ? n : NaN;
}

async function main() {
  const volume = volumeArg();
  if (volume !== null) {
    if (Number.isNaN(volume)) {
      console.error('Usage: npm run db:seed -- --volume <1..1000000>');
      process.exitCode = 2;
      return;
    }
    const { created } = await seedVolume(await getDb(), { stories: volume });
    console.log(`Added ${created} generated stories.`);
    return;
  }
  if (!process.argv.includes('--demo')) {
    console.error('Usage: npm run db:seed -- --demo   (seeds the demo site into an empty database)\n       npm run db:seed -- --volume <n>   (adds generated stories to a demo database)');
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
