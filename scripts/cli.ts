import { closeDb } from '../db/client';
import { DataDirLockedError } from '../db/data-dir-lock';

// How the commands (npm run user, npm run audit:verify) end: their own
// refusals (exit 1, worded by `refused`), a usage mistake (2, with the usage),
// the embedded database held by another process or the database unreachable (3).

export class UsageError extends Error {}

export function runCommand(run: () => Promise<void>, usage: string, refused: (error: unknown) => string | null = () => null): void {
  run()
    .catch((error: unknown) => {
      const refusal = refused(error);
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        console.error(`${(error as Error).message}\n\n${usage}`);
        process.exitCode = 2;
      } else if (refusal !== null) {
        console.error(refusal);
        process.exitCode = 1;
      } else if (error instanceof DataDirLockedError) {
        console.error(error.message);
        process.exitCode = 3;
      } else {
        console.error(`Database unavailable: ${(error as Error).message}`);
        process.exitCode = 3;
      }
    })
    .finally(() => closeDb());
}
