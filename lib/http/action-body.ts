import { IncomingMessage, type ServerResponse } from 'node:http';
import { ACTION_BODY_LIMIT_BYTES, answerEarlyRefusal } from './early-refusals';

// A server action called from a page (fetch, with the Next-Action header)
// sends its arguments as React's reply encoding: one JSON text, or a
// multipart form whose field "0" is that JSON. Next decodes it after
// routing and answers a body that does not parse with a 500 and an
// error-level log, though the fault is the sender's. So the portal's server
// (scripts/server.ts) reads such a body first, refuses what does not parse
// with a 400, and hands Next the same bytes in a request of their own.
// Browsers running our pages never send a malformed one: what this meets
// is scripts and probes.

export function isFetchAction(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): boolean {
  return req.method === 'POST' && !(req.url ?? '/').startsWith('/api/') && typeof req.headers['next-action'] === 'string';
}

// The body, or null once it passes `limit` bytes (what is left is drained).
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function parses(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

export async function isMalformedActionBody(body: Buffer, contentType: string | undefined): Promise<boolean> {
  if (!/^multipart\/form-data/i.test(contentType ?? '')) return !parses(body.toString('utf8'));
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType! } }).formData();
    const root = form.get('0');
    return typeof root !== 'string' || !parses(root);
  } catch {
    return true;
  }
}

// A request that reads as the original, with the body already read.
export function replayWithBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.headers = req.headers;
  replay.rawHeaders = req.rawHeaders;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}

// Reads a page's action call and hands it to `next`, or refuses it.
export async function passActionCall(req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => void): Promise<void> {
  const body = await readBody(req, ACTION_BODY_LIMIT_BYTES).catch(() => null);
  if (body === null) return answerEarlyRefusal(req, res, 'actionTooLarge');
  if (await isMalformedActionBody(body, req.headers['content-type'])) return answerEarlyRefusal(req, res, 'malformedAction');
  next(replayWithBody(req, body), res);
}
