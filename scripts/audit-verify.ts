// Verifies the audit trail's hash chains (audit_log, story_events) and names
// the first broken row:
//   npm run audit:verify
//   npm run audit:verify -- --checkpoint audit_log:1234:<hash>   (a row's hash noted earlier; repeatable)
// Exit codes: 0 intact, 1 broken (or a checkpoint not held), 2 usage, 3 database unavailable or locked.
import { parseArgs } from 'node:util';
import { getDb } from '../db/client';
import { CHAINED_TABLES, type ChainedTable } from '../db/schema/chain';
import { checkCheckpoints, verifyChains, type Checkpoint } from '../lib/audit-chain/internal/verify';
import { describeBreak } from '../lib/audit-chain/describe';
import { runCommand, UsageError } from './cli';

const usage = `Usage:
  npm run audit:verify
  npm run audit:verify -- --checkpoint <audit_log|story_events>:<id>:<hash>   (repeatable)`;

function parseCheckpoint(value: string): Checkpoint {
  const m = /^([a-z_]+):([1-9][0-9]{0,9}):([0-9a-fA-F]{64})$/.exec(value);
  if (!m || !(CHAINED_TABLES as readonly string[]).includes(m[1]!)) throw new UsageError(`not a checkpoint: ${value}`);
  return { table: m[1] as ChainedTable, id: Number(m[2]), hash: m[3]! };
}

async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { checkpoint: { type: 'string', multiple: true } }, strict: true });
  const checkpoints = (values.checkpoint ?? []).map(parseCheckpoint);
  const db = await getDb();
  const report = await verifyChains(db);
  for (const chain of report.chains) {
    const state = chain.broken ? 'BROKEN' : 'intact';
    console.log(`${chain.table}: ${state}, ${chain.rows} rows verified${chain.baseId ? ` (rows up to ${chain.baseId} removed by retention)` : ''}`);
    if (!chain.broken) console.log(`  newest row ${chain.lastId}, hash ${chain.lastHash}  (note it: --checkpoint ${chain.table}:${chain.lastId}:${chain.lastHash})`);
  }
  if (report.firstBreak) console.log(`\nFirst broken row: ${describeBreak(report.firstBreak)}`);
  let held = true;
  for (const checkpoint of await checkCheckpoints(db, checkpoints)) {
    const line = `checkpoint ${checkpoint.table} ${checkpoint.id}: `;
    if (checkpoint.result === 'held') console.log(`${line}held`);
    else if (checkpoint.result === 'removed_by_retention') console.log(`${line}removed by retention since, cannot be checked`);
    else {
      held = false;
      console.log(`${line}${checkpoint.result === 'differs' ? 'the row holds another hash: the chain was rewritten' : 'the row is gone: the chain was rewritten'}`);
    }
  }
  process.exitCode = report.ok && held ? 0 : 1;
}

runCommand(() => run(process.argv.slice(2)), usage);
