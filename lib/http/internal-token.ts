import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';

// Requests the server sends to itself (the page cache's invalidations) carry
// a token made at start-up; it never leaves the process.
export const INTERNAL_TOKEN_HEADER = 'x-tougao-internal-token';
const ENV_KEY = 'TOUGAO_INTERNAL_TOKEN';

export function createInternalToken(): string {
  const token = randomBytes(32).toString('hex');
  process.env[ENV_KEY] = token;
  return token;
}

export function isInternalRequest(headers: { get(name: string): string | null }): boolean {
  const expected = process.env[ENV_KEY];
  const given = headers.get(INTERNAL_TOKEN_HEADER);
  if (!expected || !given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
