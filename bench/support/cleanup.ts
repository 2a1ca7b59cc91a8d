// What a benchmark starts, it stops: every server and temporary folder
// registers how to undo itself here, and the registry runs newest first on
// success, on failure and on Ctrl-C, so no run leaves a server behind.

type Undo = () => Promise<void> | void;

const pending: { undo: Undo }[] = [];

// Registers `undo` and returns a function that runs it now (once) and
// forgets it, for things stopped before the end of the run.
export function onCleanup(undo: Undo): () => Promise<void> {
  const entry = { undo };
  pending.push(entry);
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    const index = pending.indexOf(entry);
    if (index >= 0) pending.splice(index, 1);
    await undo();
  };
}

export async function cleanUpAll(): Promise<void> {
  while (pending.length) {
    const { undo } = pending.pop()!;
    try {
      await undo();
    } catch (error) {
      console.error('cleanup failed:', (error as Error).message);
    }
  }
}

// Node exits on SIGINT without running anything; the servers started in
// their own process groups would outlive it.
export function cleanUpOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything the benchmark started`);
      void cleanUpAll().finally(() => process.exit(code));
    });
  }
}
