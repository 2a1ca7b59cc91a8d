// What the command-line tools share: how a usage mistake and an unreachable
// or locked database end a run.
import { DataDirLockedError } from '../db/data-dir-lock';

export class UsageError extends Error {}

// Exit codes: 2 usage, 3 database unavailable or locked. For what a command's
// own handling has not taken.
export function failCommand(error: unknown, usage: string): void {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
  } else if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exitCode = 3;
  } else {
    console.error(`Database unavailable: ${(error as Error).message}`);
    process.exitCode = 3;
  }
}
