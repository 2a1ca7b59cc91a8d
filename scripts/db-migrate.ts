// npm run db:migrate: applies the committed migrations to DATABASE_URL, or to
// the embedded database in DATA_DIR.
import { closeDb, getDb, getDbKind } from '../db/client';

async function main() {
  await getDb();
  console.log(`Migrations applied (${await getDbKind()}).`);
}

main()
  .catch((error) => {
    console.error(`Migration failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
