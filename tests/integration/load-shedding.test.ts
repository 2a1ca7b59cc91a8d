import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createLoadShedder, RETRY_AFTER_S, type LoadShedder, type ShedLimits } from '@/lib/http/load-shedding';

// The portal's server refusing what it cannot serve in time
// (scripts/server.ts calls lib/http/load-shedding.ts before Next), on a real
// HTTP server: over the in-flight limit, and with the event loop held up, a
// new request is answered 503 with Retry-After at once, while the requests
// it holds are still being worked on; under the limits, everything is 200.

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

function send(port: number, path: string, options: { agent?: Agent; method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', agent: options.agent ?? new Agent(), headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Harness = { port: number; shedder: LoadShedder; held: () => number; release: () => void };

const servers: Server[] = [];
const shedders: LoadShedder[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
  for (const shedder of shedders.splice(0)) shedder.stop();
});

// A server as scripts/server.ts runs it: the shedder first, then the app,
// here one that answers /hold/… only when released.
async function startServer(limits: ShedLimits): Promise<Harness> {
  const shedder = createLoadShedder(limits);
  const waiting: (() => void)[] = [];
  const server = createServer((req, res) => {
    if (shedder.shed(req, res)) return;
    const answer = () => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`ok ${req.url}`);
    if (req.url!.startsWith('/hold/')) waiting.push(answer);
    else answer();
  });
  servers.push(server);
  shedders.push(shedder);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const held = () => waiting.length;
  const release = () => waiting.splice(0).forEach((answer) => answer());
  return { port: (server.address() as AddressInfo).port, shedder, held, release };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('over the in-flight limit', () => {
  test('a new request is refused at once with 503 and Retry-After; those in flight are answered 200; then all is 200 again', async () => {
    const { port, held, release, shedder } = await startServer({ maxInFlight: 4, maxLagMs: 0 });
    expect((await send(port, '/')).status).toBe(200);
    const inFlight = Array.from({ length: 4 }, (_, i) => send(port, `/hold/${i}`));
    await until(() => held() === 4);
    expect(shedder.load().inFlight).toBe(4);

    // Answered while the four are still held: the refusal waits for nothing.
    const refused = await send(port, '/articles/12');
    expect(held()).toBe(4);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_S));
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refused.headers['content-language']).toBe('zh-CN');
    expect(refused.body).toContain('访问人数过多');
    expect((await send(port, '/en/articles/12')).body).toContain('Too many visitors right now');

    const api = await send(port, '/api/media/1');
    expect(api.status).toBe(503);
    expect(api.headers['content-type']).toBe('application/json');
    expect(api.headers['retry-after']).toBe(String(RETRY_AFTER_S));
    expect(JSON.parse(api.body)).toEqual({ error: 'overloaded' });

    // Never refused: the health check, and a save (below the hard limit).
    expect((await send(port, '/api/health')).status).toBe(200);
    expect((await send(port, '/desk/stories/1', { method: 'POST' })).status).toBe(200);

    release();
    expect((await Promise.all(inFlight)).map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await until(() => shedder.load().inFlight === 0);
    expect((await send(port, '/articles/12')).status).toBe(200);
  });

  test("a page's scripts on the keep-alive connection that was served the page are still answered; a newcomer's are not", async () => {
    const { port, held, release } = await startServer({ maxInFlight: 2, maxLagMs: 0 });
    const reader = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(port, '/articles/12', { agent: reader })).status).toBe(200);
    const inFlight = [send(port, '/hold/a'), send(port, '/hold/b')];
    await until(() => held() === 2);

    expect((await send(port, '/_next/static/chunks/app.js', { agent: reader })).status).toBe(200);
    expect((await send(port, '/_next/static/chunks/app.js')).status).toBe(503);
    // The reader's next page waits its turn like everyone's.
    expect((await send(port, '/articles/13', { agent: reader })).status).toBe(503);

    release();
    await Promise.all(inFlight);
    reader.destroy();
  });
});

describe('with the event loop held up', () => {
  test('a request that arrived meanwhile is refused with 503 and Retry-After; once the loop is free again, requests get 200', async () => {
    const { port } = await startServer({ maxInFlight: 0, maxLagMs: 200 });
    expect((await send(port, '/')).status).toBe(200);

    // A request on the wire, then the loop held for 600 ms (a long render,
    // a full collection) before the server could read it.
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    const answered = new Promise((resolve) => socket.once('end', resolve));
    socket.write('GET /articles/12 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const heldUntil = Date.now() + 600;
    while (Date.now() < heldUntil);
    await answered;
    expect(raw).toMatch(/^HTTP\/1\.1 503 /);
    expect(raw).toMatch(new RegExp(`\\r\\nretry-after: ${RETRY_AFTER_S}\\r\\n`, 'i'));

    // The lag is what the loop shows now, not a memory of it.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await send(port, '/articles/12')).status;
    }
    expect(status).toBe(200);
  });
});

describe('under the limits', () => {
  test('every request of a steady load is served', async () => {
    const { port } = await startServer({ maxInFlight: 64, maxLagMs: 1000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 12 });
    const answers = await Promise.all(Array.from({ length: 240 }, (_, i) => send(port, `/articles/${i}`, { agent })));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    agent.destroy();
  });
});
