import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors';
import { generateCompliantPassword, type PasswordRules } from './password-rules';

// OWASP's argon2id baseline: 19 MiB, 2 passes.
const options = { algorithm: 2 /* Argon2id; the enum is a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Each hash holds ~19 MiB for tens of milliseconds. A login flood must queue,
// not multiply that: a few at a time, and a bounded queue that says "busy".
const MAX_CONCURRENT = 2;
const MAX_QUEUED = 64;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    if (waiting.length >= MAX_QUEUED) throw new AppError('rate_limited', 'argon2 queue full');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withSlot(() => hash(password, options));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withSlot(() => verify(passwordHash, password).catch(() => false));
}

// Compared against when the username is unknown, so both cases take as long.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hash('tougao-dummy-password', options);
  await verifyPassword(await dummyHash, password);
  return false;
}

export function generateFirstPassword(username: string, rules: PasswordRules): string {
  return generateCompliantPassword((max) => randomInt(max), username, rules);
}
