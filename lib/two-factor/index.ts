import 'server-only';
import { eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { signInChallenges, users, userTwoFactor } from '@/db/schema';
import { getDb, type Tx } from '@/db/client';
import { auditActor } from '../actors';
import { recordAudit } from '../audit';
import { verifyPassword } from '../auth/password';
import { checkLoginGate, recordLoginFailure } from '../auth/throttle';
import { canChangeAccount } from '../authz';
import { AppError, fieldErrorsFrom, validationError } from '../errors';
import { endAllSessions } from '../sessions/internal/records';
import { getSiteSettings } from '../settings';
import { typedText } from '../text-input';
import { requirePermission, type Viewer } from '../viewer';
import { acceptTotpCode, countRecoveryCodesLeft, readTwoFactor, removeTwoFactor, replaceRecoveryCodes, sealTotpSecret, type TwoFactorRow } from './internal/records';
import { isTwoFactorRequired } from './policy';
import { effectiveTwoFactorRequirement } from '../security/profile';
import { formatManualKey, isTotpCode, newTotpSecret, totpUri } from './totp';

// Two-factor sign-in as its owner manages it (/account/two-factor) and the
// administrator's reset. The code step of signing in is lib/auth's.

export type TwoFactorStatus = {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  // The site requires it of this account's role: it cannot be turned off.
  isRequired: boolean;
  // Started and not yet confirmed: what the authenticator app needs.
  enrolment: { uri: string; manualKey: string } | null;
};

// Their own second factor is what a viewer who must enrol may manage; the
// first password still comes before it.
function requireOwnAccount(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new AppError('unauthorized');
  requirePermission({ ...viewer, mustEnrollTwoFactor: false }, 'account:two-factor');
}

async function isRequiredFor(viewer: Viewer): Promise<boolean> {
  const { security } = await getSiteSettings();
  return isTwoFactorRequired(viewer.role, effectiveTwoFactorRequirement(security));
}

// Any signed-in user, about their own account.
export async function getTwoFactorStatus(viewer: Viewer): Promise<TwoFactorStatus> {
  requireOwnAccount(viewer);
  const db = await getDb();
  const [row, { site, security }] = await Promise.all([readTwoFactor(db, viewer.id), getSiteSettings()]);
  const isRequired = isTwoFactorRequired(viewer.role, effectiveTwoFactorRequirement(security));
  const enabledAt = row?.enabledAt ?? null;
  const enrolment = row && !enabledAt && row.secret ? { uri: totpUri(row.secret, site.name, viewer.username), manualKey: formatManualKey(row.secret) } : null;
  return { enabledAt, recoveryCodesLeft: enabledAt ? await countRecoveryCodesLeft(db, viewer.id) : 0, isRequired, enrolment };
}

// Any signed-in user without a second factor: a new secret to scan. Starting
// again replaces the one not yet confirmed (a lost QR code, another phone).
export async function startTwoFactorEnrolment(viewer: Viewer): Promise<void> {
  requireOwnAccount(viewer);
  const db = await getDb();
  const sealed = sealTotpSecret(viewer.id, newTotpSecret());
  const started = await db
    .insert(userTwoFactor)
    .values({ userId: viewer.id, secretEncrypted: sealed })
    .onConflictDoUpdate({ target: userTwoFactor.userId, set: { secretEncrypted: sealed, lastUsedStep: null, updatedAt: new Date() }, setWhere: isNull(userTwoFactor.enabledAt) })
    .returning({ userId: userTwoFactor.userId });
  if (started.length === 0) throw new AppError('conflict', 'two-factor already enabled');
}

const codeInput = z.object({ code: typedText().trim().max(40, 'two_factor_code_wrong') });

function parseCode(input: unknown): string {
  const parsed = codeInput.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  if (!parsed.data.code) throw validationError({ code: 'required' });
  return parsed.data.code;
}

// Any signed-in user with a secret to confirm: the first code from the app
// turns two-factor sign-in on and makes the recovery codes, returned this
// once to be shown.
export async function confirmTwoFactorEnrolment(viewer: Viewer, input: unknown): Promise<{ recoveryCodes: string[] }> {
  requireOwnAccount(viewer);
  const code = parseCode(input);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const row = await readTwoFactor(tx, viewer.id, { lock: true });
    if (!row) throw new AppError('not_found', 'no enrolment started');
    if (row.enabledAt) throw new AppError('conflict', 'two-factor already enabled');
    if (!(await acceptTotpCode(tx, viewer.id, row, code, Date.now()))) return null;
    await tx.update(userTwoFactor).set({ enabledAt: new Date(), updatedAt: new Date() }).where(eq(userTwoFactor.userId, viewer.id));
    const recoveryCodes = await replaceRecoveryCodes(tx, viewer.id);
    await recordAudit(tx, { ...auditActor(viewer), action: 'two_factor.enable', targetType: 'user', targetId: viewer.id });
    return { recoveryCodes };
  });
  if (result) return result;
  // Recorded after the transaction, which wrote nothing.
  await recordAudit(db, { ...auditActor(viewer), action: 'two_factor.enable_failure', targetType: 'user', targetId: viewer.id, meta: { reason: 'two_factor_code_wrong' } });
  throw validationError({ code: 'two_factor_code_wrong' });
}

// A code (or password) typed by a signed-in user to change their second
// factor counts like one typed at sign-in: wrong ones lock the account and
// are audited, so a borrowed session cannot guess its way to turning it off.
// `attempt` runs in a transaction and returns null when what was typed is
// wrong, having written nothing; the failure is recorded after it.
async function withOwnCredential<T>(viewer: Viewer, field: 'code' | 'credential', attempt: (tx: Tx) => Promise<T | null>): Promise<T> {
  const db = await getDb();
  const ip = viewer.ip ?? 'unknown';
  const gate = await checkLoginGate(db, viewer.username, ip);
  if (!gate.allowed) throw new AppError('rate_limited', `own credential: ${gate.reason}`, { [field]: 'too_many_attempts' });
  const result = await db.transaction(attempt);
  if (result !== null) return result;
  await recordLoginFailure(db, viewer.username, ip, viewer.id, 'login.second_factor_failure');
  throw validationError({ [field]: field === 'code' ? 'two_factor_code_wrong' : 'two_factor_credential_wrong' });
}

async function lockEnabled(tx: Tx, viewer: Viewer): Promise<TwoFactorRow> {
  const row = await readTwoFactor(tx, viewer.id, { lock: true });
  if (!row?.enabledAt) throw new AppError('conflict', 'two-factor not enabled');
  return row;
}

// Any signed-in user with two-factor on: a new set of recovery codes, the old
// ones void; needs a current code from the app.
export async function regenerateRecoveryCodes(viewer: Viewer, input: unknown): Promise<{ recoveryCodes: string[] }> {
  requireOwnAccount(viewer);
  const code = parseCode(input);
  return withOwnCredential(viewer, 'code', async (tx) => {
    const row = await lockEnabled(tx, viewer);
    if (!(await acceptTotpCode(tx, viewer.id, row, code, Date.now()))) return null;
    const recoveryCodes = await replaceRecoveryCodes(tx, viewer.id);
    await recordAudit(tx, { ...auditActor(viewer), action: 'two_factor.recovery_codes_regenerate', targetType: 'user', targetId: viewer.id });
    return { recoveryCodes };
  });
}

const disableInput = z.object({ credential: z.string().max(200, 'two_factor_credential_wrong') });

// Any signed-in user with two-factor on, unless the site requires it of their
// role: back to the password alone. Needs the current password or a code.
export async function disableTwoFactor(viewer: Viewer, input: unknown): Promise<void> {
  requireOwnAccount(viewer);
  const parsed = disableInput.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  const credential = parsed.data.credential;
  if (!credential.trim()) throw validationError({ credential: 'required' });
  if (await isRequiredFor(viewer)) throw new AppError('forbidden', 'two-factor required for this role', { form: 'two_factor_required_by_site' });
  await withOwnCredential(viewer, 'credential', async (tx) => {
    const row = await lockEnabled(tx, viewer);
    // Passwords are at least ten characters, so six digits are a code.
    if (isTotpCode(credential)) {
      if (!(await acceptTotpCode(tx, viewer.id, row, credential, Date.now()))) return null;
    } else {
      const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id));
      if (!user || !(await verifyPassword(user.passwordHash, credential))) return null;
    }
    await removeTwoFactor(tx, viewer.id);
    await recordAudit(tx, { ...auditActor(viewer), action: 'two_factor.disable', targetType: 'user', targetId: viewer.id });
    return true;
  });
}

// Administrators, for another account (a lost phone and no recovery code
// left): the second factor is removed and every session of the account ends,
// so whoever holds one must sign in again, and enrol again where required.
export async function resetTwoFactor(viewer: Viewer, userId: number): Promise<void> {
  requirePermission(viewer, 'users:reset-two-factor');
  if (!canChangeAccount(viewer, { id: userId }, 'reset-two-factor')) throw new AppError('forbidden', 'own second factor', { form: 'cannot_reset_own_two_factor' });
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (!(await endAllSessions(tx, userId))) throw new AppError('not_found');
    if (!(await removeTwoFactor(tx, userId))) throw new AppError('conflict', 'no second factor to reset');
    await tx.delete(signInChallenges).where(eq(signInChallenges.userId, userId));
    await recordAudit(tx, { ...auditActor(viewer), action: 'two_factor.admin_reset', targetType: 'user', targetId: userId });
  });
}

export { isTwoFactorRequired, TWO_FACTOR_REQUIREMENTS, type TwoFactorRequirement } from './policy';
