import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
const db = new PGlite(process.argv[2]);
if (process.argv[3]) await db.exec(readFileSync(process.argv[3], 'utf8'));
console.log(JSON.stringify((await db.query(process.argv[4] ?? 'select 1')).rows));
await db.close();
