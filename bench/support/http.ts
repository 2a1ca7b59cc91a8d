// Small HTTP helpers for the benchmarks: fetch a page's HTML, and the headers
// the view beacon needs to be counted as a reader's view.

// A reader's browser posting the beacon from the article page: same origin,
// a browser's User-Agent (lib/views turns away bots and scripted clients).
export function beaconHeaders(base: string): Record<string, string> {
  return {
    origin: base,
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'cors',
    'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  };
}

export type Page = { status: number; html: string; headers: Headers };

export async function getPage(url: string, headers: Record<string, string> = {}): Promise<Page> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

type WaitOptions = {
  // False once the process that should answer has died: stop waiting then.
  isAlive?: () => boolean;
  // What counts as up; by default a 2xx answer.
  isReady?: (status: number) => boolean;
};

export async function waitUntilUp(url: string, timeoutMs: number, options: WaitOptions = {}): Promise<void> {
  const { isAlive = () => true, isReady = (status) => status >= 200 && status < 300 } = options;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process behind ${url} exited before it answered`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (isReady(res.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not up within ${Math.round(timeoutMs / 1000)} s`);
}

// Waits until the server answers its health check within `withinMs`. A run
// cut off by time leaves requests in flight that the server still works
// through (on the embedded database, whose queries block the event loop, it
// then answers nothing at all); the next measurement must not pay for them.
export async function waitUntilIdle(base: string, withinMs = 1_000, timeoutMs = 5 * 60_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(withinMs) });
      await res.arrayBuffer();
      if (res.ok) return Date.now() - started;
    } catch {
      // still busy
    }
  }
  throw new Error(`${base} was still busy after ${Math.round(timeoutMs / 1000)} s`);
}

// One request's own time, with nothing queued ahead of it: the median of
// `times` requests sent one after another. Under load, latency is this plus
// the queue; req/s on one core is at most 1000 / this.
export async function medianAloneMs(url: string, times = 10): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return Math.round(durations[Math.floor(durations.length / 2)]! * 10) / 10;
}
