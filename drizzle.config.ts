import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed; they are applied by
// db/migrate.ts at start-up and by `npm run db:migrate`, never with `push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
