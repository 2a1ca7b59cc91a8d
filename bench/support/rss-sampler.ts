// Samples a server's resident memory (its whole process tree) once a second
// while load runs, for the peak and the median under that load.
import { treeRssMb } from './processes';

export type RssSummary = { samples: number; medianMb: number; peakMb: number };

export type RssSampler = { pause: () => void; resume: () => void; summary: () => RssSummary; stop: () => RssSummary };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

// Starts paused: only the seconds under load count, not the idle gaps
// between runs (which would pull the median down).
export function sampleRss(pid: number, everyMs = 1_000): RssSampler {
  const samples: number[] = [];
  let active = false;
  const timer = setInterval(() => {
    if (!active) return;
    // A process that has stopped has no memory to count, and is no sample.
    const rss = treeRssMb(pid);
    if (rss > 0) samples.push(rss);
  }, everyMs);
  timer.unref();
  const summary = (): RssSummary => ({ samples: samples.length, medianMb: median(samples), peakMb: samples.length ? Math.max(...samples) : 0 });
  return {
    pause: () => (active = false),
    resume: () => (active = true),
    summary,
    stop: () => {
      clearInterval(timer);
      return summary();
    },
  };
}
