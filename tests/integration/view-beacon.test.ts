import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { claimStory, publishStory } from '@/lib/stories';
import { answerViewBeacon, viewBeaconTarget } from '@/lib/http/view-beacon';
import { viewBuffer } from '@/lib/view-buffer';
import { currentViews } from '@/lib/views';
import { createEditor, createSubmittedStory } from '../support/factories';

// The view beacon as the portal's server answers it (scripts/server.ts),
// over HTTP, against the database.

const READER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
let server: Server;
let base: string;
let storyId: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const beacon = viewBeaconTarget(req.url);
    if (beacon) return void answerViewBeacon(req, res, beacon.storyId);
    res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const editor = await createEditor();
  const { story, columnId } = await createSubmittedStory();
  const claimed = await claimStory(editor.viewer, story.id);
  storyId = (await publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员 测试' })).id;
});

afterAll(async () => {
  viewBuffer().stop();
  await new Promise((resolve) => server.close(resolve));
});

const beacon = (id: number | string, init: RequestInit = {}) =>
  fetch(`${base}/api/views/${id}`, { method: 'POST', ...init, headers: { 'User-Agent': READER, 'Sec-Fetch-Site': 'same-origin', ...init.headers } });

describe('the view beacon over HTTP', () => {
  test('200 concurrent readers add exactly 200, each answered a running total, written within a flush', async () => {
    const before = await currentViews(storyId);
    const answers = await Promise.all(Array.from({ length: 200 }, () => beacon(storyId)));
    expect(answers.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(answers.every((r) => r.headers.get('cache-control') === 'no-store')).toBe(true);
    const totals = await Promise.all(answers.map((r) => r.json() as Promise<{ views: number }>));
    expect(Math.max(...totals.map((t) => t.views))).toBe(before + 200);
    await viewBuffer().flush();
    expect(await currentViews(storyId)).toBe(before + 200);
  });

  test('crawlers, prefetches, other sites, other methods and unknown stories are not counted', async () => {
    await viewBuffer().flush();
    const before = await currentViews(storyId);
    expect((await beacon(storyId, { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Baiduspider/2.0)' } })).status).toBe(204);
    expect((await beacon(storyId, { headers: { 'Sec-Purpose': 'prefetch' } })).status).toBe(204);
    expect((await beacon(storyId, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    const get = await fetch(`${base}/api/views/${storyId}`, { headers: { 'User-Agent': READER } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await beacon(2_000_000_000)).status).toBe(404);
    expect((await beacon('abc')).status).toBe(404);
    await viewBuffer().flush();
    expect(await currentViews(storyId)).toBe(before);
  });
});
