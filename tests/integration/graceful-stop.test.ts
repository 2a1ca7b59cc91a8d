import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { gracefulStop, type StopOutcome } from '@/lib/http/graceful-stop';
import { answerViewBeacon, viewBeaconTarget } from '@/lib/http/view-beacon';
import { claimStory, publishStory } from '@/lib/stories';
import { viewBuffer } from '@/lib/view-buffer';
import { currentViews } from '@/lib/views';
import { createEditor, createSubmittedStory } from '../support/factories';

// A rolling restart as the portal's server goes through it (scripts/server.ts
// stops through lib/http/graceful-stop.ts): every request already received is
// answered, keep-alive clients are told to close, and the process may exit as
// soon as the last response is out.

type Answer = { status: number; headers: IncomingHttpHeaders; body: string; endedAt: number } | { error: string };

function send(port: number, agent: Agent, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString(), endedAt: Date.now() }));
      res.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    });
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Work of the kinds that were cut off: long saves whose bodies take a while to
// read, searches that hold the event loop, pages that wait on the database.
function busyFor(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const servers: Server[] = [];
afterAll(async () => {
  viewBuffer().stop();
  for (const server of servers) server.closeAllConnections();
});

describe('stopping the server', () => {
  test('30 requests in flight (saves of 600 KB, searches, pages) are all answered; the stop ends within a second of the last response', async () => {
    let connections = 0;
    let stopped: Promise<StopOutcome> | undefined;
    let signal = () => {};
    const signalled = new Promise<void>((resolve) => (signal = resolve));
    // Every request is still being worked on when the signal comes.
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        void signalled.then(() => {
          const kind = req.url!.split('/')[1];
          if (kind === 'search') busyFor(40);
          setTimeout(() => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${kind}:${Buffer.concat(chunks).length}`), kind === 'save' ? 400 : 150);
        });
      });
    });
    servers.push(server);
    const graceful = gracefulStop(server);
    // The signal comes as the last connection is in: many requests are then
    // still on the wire, not yet read, and the loop is about to be held up.
    server.on('connection', () => {
      if (++connections < 30) return;
      stopped = graceful.stop(25_000);
      signal();
    });
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    const save = Buffer.alloc(600 * 1024, 'a');
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => send(port, agent, 'POST', `/save/${i}`, save)),
      ...Array.from({ length: 10 }, (_, i) => send(port, agent, 'GET', `/search/${i}`)),
      ...Array.from({ length: 10 }, (_, i) => send(port, agent, 'GET', `/page/${i}`)),
    ]);
    const lastResponse = Math.max(...answers.map((a) => ('endedAt' in a ? a.endedAt : 0)));

    expect(answers.filter((a) => 'error' in a)).toEqual([]);
    const ok = answers as Extract<Answer, { status: number }>[];
    expect(ok.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(ok.filter((a) => a.body.startsWith('save:')).map((a) => a.body)).toEqual(Array(10).fill(`save:${600 * 1024}`));
    // Keep-alive clients are told the connection ends with this response.
    expect(ok.map((a) => a.headers.connection)).toEqual(Array(30).fill('close'));
    expect(await stopped).toBe('drained');
    expect(Date.now() - lastResponse).toBeLessThan(1000);
    agent.destroy();
  });

  test('requests sent on idle keep-alive connections just as the stop begins are answered, not reset', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'));
    servers.push(server);
    const graceful = gracefulStop(server);
    const port = await listen(server);
    // Ten pooled connections, idle after a first request each (as nginx keeps them).
    const agent = new Agent({ keepAlive: true, maxSockets: 10 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => send(port, agent, 'GET', `/warm/${i}`)));
    // Ten more on those connections, written before the server has read them.
    const late = Array.from({ length: 10 }, (_, i) => send(port, agent, 'GET', `/late/${i}`));
    const stopped = graceful.stop(25_000);
    const answers = await Promise.all(late);
    expect(answers.filter((a) => 'error' in a)).toEqual([]);
    expect(answers.map((a) => ('status' in a ? a.status : 0))).toEqual(Array(10).fill(200));
    expect(await stopped).toBe('drained');
    agent.destroy();
  });

  test('new connections are refused once stopping, and a request that never finishes is cut at the deadline', async () => {
    const server = createServer((req) => {
      req.resume();
      // Never answered.
    });
    servers.push(server);
    const graceful = gracefulStop(server);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    const hanging = send(port, agent, 'GET', '/forever');
    await sleep(100);
    const started = Date.now();
    const stopped = graceful.stop(500);
    expect(await send(port, new Agent(), 'GET', '/late')).toEqual({ error: 'ECONNREFUSED' });
    expect(await stopped).toBe('deadline');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await hanging).toMatchObject({ error: expect.any(String) });
    agent.destroy();
  });

  test('an idle keep-alive connection is closed, so an idle server stops at once', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    servers.push(server);
    const graceful = gracefulStop(server);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true });
    expect(await send(port, agent, 'GET', '/')).toMatchObject({ status: 200 });
    const started = Date.now();
    expect(await graceful.stop(25_000)).toBe('drained');
    expect(Date.now() - started).toBeLessThan(1000);
    agent.destroy();
  });
});

describe('views counted while stopping', () => {
  const READER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

  test('beacons over keep-alive connections during the stop: every view answered 200 is in the database', async () => {
    const editor = await createEditor();
    const { story, columnId } = await createSubmittedStory();
    const claimed = await claimStory(editor.viewer, story.id);
    const storyId = (await publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 测试' })).id;
    await viewBuffer().flush();
    const before = await currentViews(storyId);

    const server = createServer((req, res) => {
      const beacon = viewBeaconTarget(req.url);
      if (beacon) return void answerViewBeacon(req, res, beacon.storyId);
      res.writeHead(404).end();
    });
    servers.push(server);
    const graceful = gracefulStop(server);
    const port = await listen(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    let answered = 0;
    let failed = 0;
    // Eight readers, each sending beacons one after another until the server is gone.
    const reader = async () => {
      for (;;) {
        const answer = await send(port, agent, 'POST', `/api/views/${storyId}`, undefined, { 'User-Agent': READER, 'Sec-Fetch-Site': 'same-origin' });
        if ('error' in answer) return void failed++;
        if (answer.status === 200) answered++;
      }
    };
    const readers = Array.from({ length: 8 }, reader);
    await sleep(300);
    const outcome = await graceful.stop(25_000);
    await Promise.all(readers);
    expect(outcome).toBe('drained');
    expect(answered).toBeGreaterThan(8);
    expect(failed).toBe(8);

    await viewBuffer().flush();
    expect(await currentViews(storyId)).toBe(before + answered);
    agent.destroy();
  });
});
