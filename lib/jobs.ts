import 'server-only';
import { getDb } from '@/db/client';
import { pruneAuditTrail } from './audit-chain/retention';
import { publishDueStories, unpublishDueStories } from './stories/scheduler';
import { logger } from './logger';
import { deliverPendingEmails } from './mail';
import { sealPlainContacts } from './personal-data/internal/contacts';
import { foldViewSlots } from './views';
import { disableDormantAccounts } from './auth/dormant';
import { measureUncheckedStories } from './duplicates';
import { notifyStageDeadlines } from './stories/deadline-notices';

// Work the app does by itself, in every instance, with no cron service: each
// job is safe to run concurrently on several instances (see each job).

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

const jobs: Job[] = [
  // Scheduled stories go out within this many ms of their time.
  { name: 'publish-due', everyMs: 5_000, run: () => publishDueStories() },
  // Stories whose expiry (到期撤下) has come leave the site as quickly.
  { name: 'unpublish-due', everyMs: 5_000, run: () => unpublishDueStories() },
  // Notifications by e-mail when SMTP is set; each mail claimed by one instance.
  { name: 'mail-outbox', everyMs: 15_000, run: () => deliverPendingEmails() },
  // Read counts: slots into story totals (one statement; concurrent folds and
  // views stay exact).
  { name: 'fold-views', everyMs: 10_000, run: () => foldViewSlots() },
  // Contact details an instance of the previous version wrote in the clear
  // during a rolling upgrade (an index finds them; usually there are none).
  { name: 'seal-contacts', everyMs: 60_000, run: async () => sealPlainContacts(await getDb()) },
  // The audit trail's retention period (nothing while unset); one instance at
  // a time, by an advisory lock the others skip.
  { name: 'audit-retention', everyMs: 60 * 60_000, run: () => pruneAuditTrail() },
  // Accounts unused past the site's limit; one instance at a time (an advisory lock).
  { name: 'dormant-accounts', everyMs: 15 * 60_000, run: () => disableDormantAccounts() },
  // The queue's 查重 marker for stories filed before it existed (a few a run).
  { name: 'measure-duplicates', everyMs: 15_000, run: async () => measureUncheckedStories(await getDb()) },
  // Review deadlines: due-soon and overdue notices, each once per stay at a
  // stage (rows taken with SKIP LOCKED and marked in the same transaction).
  { name: 'stage-deadlines', everyMs: 60_000, run: () => notifyStageDeadlines() },
];

let timers: NodeJS.Timeout[] = [];

export function startBackgroundJobs(): void {
  if (timers.length) return;
  timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      // A slow run (e.g. the database away) is not stacked up behind itself.
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (error) {
        logger.warn({ err: error, job: job.name }, 'background job failed; retrying on the next tick');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    void tick();
    return timer;
  });
}

export function stopBackgroundJobs(): void {
  for (const timer of timers) clearInterval(timer);
  timers = [];
}
