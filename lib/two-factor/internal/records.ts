import 'server-only';
import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import { recoveryCodes, userTwoFactor } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { open, seal } from '../../crypto/sealed';
import { cryptoSuite } from '../../crypto-suite';
import { logger } from '../../logger';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from '../recovery-codes';
import { verifyTotp } from '../totp';
import { getTwoFactorKeys } from './keys';

// The second factor's rows, for the account pages (lib/two-factor) and the
// sign-in's code step (lib/auth): they take a transaction and a user id, no
// viewer; the callers have decided who may.

// The secret is bound to its account: copied onto another row it does not open.
const contextOf = (userId: number) => `totp:${userId}`;

export function sealTotpSecret(userId: number, secret: string): string {
  return seal(secret, getTwoFactorKeys().secrets.current, cryptoSuite(), contextOf(userId));
}

// Null when the key has changed since the secret was sealed (a new
// TOTP_ENCRYPTION_KEY, or a new AUTH_SECRET while it is unset): the account
// cannot pass its second step until an administrator resets it.
export function openTotpSecret(userId: number, sealed: string): string | null {
  const keys = getTwoFactorKeys();
  const secret = open(sealed, keys.secrets, contextOf(userId), { legacyV1Key: keys.legacyKey });
  if (secret === null) logger.error({ userId }, 'two-factor secret does not decrypt: was TOTP_ENCRYPTION_KEY or AUTH_SECRET changed?');
  return secret;
}

export type TwoFactorRow = { secret: string | null; enabledAt: Date | null; lastUsedStep: number | null };

export async function readTwoFactor(db: Db | Tx, userId: number, options: { lock?: boolean } = {}): Promise<TwoFactorRow | null> {
  const query = db
    .select({ sealed: userTwoFactor.secretEncrypted, enabledAt: userTwoFactor.enabledAt, lastUsedStep: userTwoFactor.lastUsedStep })
    .from(userTwoFactor)
    .where(eq(userTwoFactor.userId, userId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) return null;
  return { secret: openTotpSecret(userId, row.sealed), enabledAt: row.enabledAt, lastUsedStep: row.lastUsedStep };
}

// Accepts a TOTP code once: the step it belongs to becomes the last used, in
// a guarded write, so two sign-ins racing with one code cannot both pass.
export async function acceptTotpCode(tx: Tx, userId: number, row: TwoFactorRow, code: string, nowMs: number): Promise<boolean> {
  if (!row.secret) return false;
  const step = verifyTotp(row.secret, code, { nowMs, lastUsedStep: row.lastUsedStep });
  if (step === null) return false;
  const accepted = await tx
    .update(userTwoFactor)
    .set({ lastUsedStep: step, updatedAt: new Date(nowMs) })
    .where(and(eq(userTwoFactor.userId, userId), or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step))))
    .returning({ userId: userTwoFactor.userId });
  return accepted.length === 1;
}

// Spends a recovery code; returns how many are left, or null when the code
// is not one of the account's unused ones.
export async function spendRecoveryCode(tx: Tx, userId: number, code: string): Promise<number | null> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return null;
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(normalized, getTwoFactorKeys().recoveryPepper)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (spent.length === 0) return null;
  return countRecoveryCodesLeft(tx, userId);
}

export async function countRecoveryCodesLeft(db: Db | Tx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

// A fresh set, replacing every earlier code; returned once, in the clear.
export async function replaceRecoveryCodes(tx: Tx, userId: number): Promise<string[]> {
  const codes = generateRecoveryCodes();
  const pepper = getTwoFactorKeys().recoveryPepper;
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!, pepper) })));
  return codes;
}

// The account back to password-only sign-in; whether it had a second factor.
export async function removeTwoFactor(tx: Tx, userId: number): Promise<boolean> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const removed = await tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId)).returning({ enabledAt: userTwoFactor.enabledAt });
  return removed.some((r) => r.enabledAt !== null);
}

