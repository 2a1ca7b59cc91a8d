import 'server-only';
import { and, count, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { adminDuty, siteColumns, units, users, userRole, userTwoFactor, type AdminDuty, type UserRole } from '@/db/schema';
import { getDb } from '@/db/client';
import { newestFirst } from '@/db/select';
import { actorIdOf, auditActor } from './actors';
import { recordAudit } from './audit';
import { canChangeAccount } from './authz';
import { resolveDuties, sameDuties } from './security/duties';
import { isDengbaoProfile } from './security/profile';
import { getSiteSettings } from './settings';
import { AppError, fieldErrorsFrom, takenAsFieldError, validationError } from './errors';
import { generateFirstPassword, hashPassword, verifyPassword } from './auth/password';
import { assertNotReused, assertPasswordAllowed, currentPasswordPolicy, rememberPassword } from './auth/password-policy';
import { requirePermission, type Viewer } from './viewer';
import { optionalIdSchema } from './id-schemas';
import { MAX_ID } from './ids';
import { isMaskingOn, showContacts } from './personal-data';
import { contactColumnValues, contactColumns, contactEquals, keepingUnreadable, openContacts, type SealedContactRow } from './personal-data/internal/contacts';
import { contactFieldOfQuery } from './personal-data/mask';
import { typedText, typedValue } from './text-input';

// What administrators see of an account: never the password hash.
export type UserSummary = {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  // An administrator's duties (三员分立); none for anyone else.
  adminDuties: AdminDuty[];
  unitId: number | null;
  unitName: string | null;
  // An editor's columns (null: every column), lib/stories/internal/scope.ts.
  columnIds: number[] | null;
  // As this viewer may see them: masked where the site masks personal data
  // (contactMasked), but never one's own.
  email: string | null;
  phone: string | null;
  contactMasked: boolean;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  // 'dormant': disabled by the system as unused (lib/auth/dormant.ts).
  disabledReason: string | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  // When two-factor sign-in was turned on; null: password only.
  twoFactorEnabledAt: Date | null;
};

const summaryColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  adminDuties: users.adminDuties,
  unitId: users.unitId,
  columnIds: users.columnIds,
  unitName: units.name,
  ...contactColumns,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
  disabledReason: users.disabledReason,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  twoFactorEnabledAt: userTwoFactor.enabledAt,
};

type SummaryRow = Omit<UserSummary, 'email' | 'phone' | 'contactMasked'> & SealedContactRow;

function toSummary(viewer: Viewer, row: SummaryRow, isMasking: boolean): UserSummary {
  const { emailSealed: _e, phoneSealed: _p, plainEmail: _pe, plainPhone: _pp, ...rest } = row;
  const { email, phone, isMasked } = showContacts(viewer, row.id, openContacts(row.id, row), isMasking);
  return { ...rest, email, phone, contactMasked: isMasked };
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

const optionalText = (max: number) =>
  typedText()
    .trim()
    .max(max, 'too_long')
    .optional()
    .transform((v) => (v ? v : null));

const usernameSchema = z
  .string()
  .trim()
  .min(3, 'username_format')
  .max(32, 'username_format')
  .regex(/^[A-Za-z0-9_.-]+$/, 'username_format');

const displayNameSchema = typedText().trim().min(1, 'required').max(40, 'too_long');

const unitIdSchema = optionalIdSchema('unit_unknown');

// Left out: the duties an administrator holds by default (lib/security/duties.ts).
const dutiesSchema = z.array(z.enum(adminDuty.enumValues, { message: 'duties_unknown' })).optional();

// An editor's column scope: none or null is every column; other roles have none.
const columnIdsSchema = z.array(z.number().int().positive().max(MAX_ID, 'column_unknown')).max(200).nullable().optional();

const createSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: z.enum(userRole.enumValues, { message: 'role_unknown' }),
  adminDuties: dutiesSchema,
  columnIds: columnIdsSchema,
  unitId: unitIdSchema,
  email: optionalText(120).pipe(z.string().email('email_format').nullable()),
  phone: optionalText(40),
  // Empty → generate one and show it once.
  password: z.string().optional(),
});

const updateSchema = z.object({
  displayName: displayNameSchema,
  role: z.enum(userRole.enumValues, { message: 'role_unknown' }),
  adminDuties: dutiesSchema,
  // Left out: kept as it is.
  columnIds: columnIdsSchema,
  unitId: unitIdSchema,
  // Left out: kept as they are (a form that showed them masked and was not revealed).
  email: z.undefined().or(optionalText(120).pipe(z.string().email('email_format').nullable())),
  phone: z.undefined().or(optionalText(40)),
});

async function dutiesFor(role: UserRole, requested: AdminDuty[] | undefined, current?: AdminDuty[]): Promise<AdminDuty[]> {
  const { security } = await getSiteSettings();
  const resolved = resolveDuties(role, requested, { profileOn: isDengbaoProfile(security), current });
  if ('problem' in resolved) throw validationError({ adminDuties: resolved.problem });
  return resolved.duties;
}

// The scope stored: an editor's chosen columns (each must exist), else none.
async function columnScopeFor(role: UserRole, requested: number[] | null | undefined): Promise<number[] | null> {
  if (role !== 'editor' || !requested || requested.length === 0) return null;
  const unique = [...new Set(requested)].sort((a, b) => a - b);
  const db = await getDb();
  const found = await db.select({ id: siteColumns.id }).from(siteColumns).where(inArray(siteColumns.id, unique));
  if (found.length !== unique.length) throw validationError({ columnIds: 'column_unknown' });
  return unique;
}

async function assertUnitExists(unitId: number | null, role: UserRole): Promise<void> {
  // Correspondents file for a unit; statistics are per unit.
  if ((role === 'correspondent' || role === 'unit_approver') && unitId === null) throw validationError({ unitId: 'unit_required' });
  if (unitId === null) return;
  const db = await getDb();
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1);
  if (!unit) throw validationError({ unitId: 'unit_unknown' });
}

export type UserFilters = {
  q?: string;
  role?: UserRole;
  unitId?: number;
  status?: 'active' | 'disabled' | 'all';
  page?: number;
  pageSize?: number;
};

// Admins only: accounts filtered and paginated, newest first.
export async function listUsers(viewer: Viewer, filters: UserFilters = {}): Promise<{ rows: UserSummary[]; total: number; page: number; pageSize: number }> {
  requirePermission(viewer, 'users:list');
  const pageSize = Math.min(Math.max(filters.pageSize ?? 25, 1), 100);
  const page = Math.max(filters.page ?? 1, 1);
  const where: SQL[] = [];
  const q = typedValue(filters.q).trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // A whole e-mail address or phone number also finds the account holding it.
    const field = contactFieldOfQuery(q);
    const holding = field ? contactEquals(field, q) : null;
    where.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern), ...(holding ? [holding] : []))!);
  }
  if (filters.role) where.push(eq(users.role, filters.role));
  if (filters.unitId) where.push(eq(users.unitId, filters.unitId));
  if (filters.status === 'disabled') where.push(isNotNull(users.disabledAt));
  else if (filters.status !== 'all') where.push(isNull(users.disabledAt));
  const condition = where.length ? and(...where) : undefined;

  const db = await getDb();
  const [rows, [total], isMasking] = await Promise.all([
    db
      .select(summaryColumns)
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
      .where(condition)
      .orderBy(...newestFirst(users))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).where(condition),
    isMaskingOn(),
  ]);
  return { rows: rows.map((row) => toSummary(viewer, row, isMasking)), total: total?.n ?? 0, page, pageSize };
}

export async function getUser(viewer: Viewer, id: number): Promise<UserSummary> {
  requirePermission(viewer, 'users:list');
  const db = await getDb();
  const [row] = await db
    .select(summaryColumns)
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) throw new AppError('not_found');
  return toSummary(viewer, row, await isMaskingOn());
}

// Admins (or the CLI) create accounts; there is no sign-up. The first
// password must be changed at first login. Returns the password when it was
// generated, to be shown once.
export async function createUser(viewer: Viewer, input: unknown): Promise<{ user: UserSummary; generatedPassword: string | null }> {
  requirePermission(viewer, 'users:create');
  const data = parse(createSchema, input);
  const typed = data.password?.trim() ? data.password : null;
  const policy = await currentPasswordPolicy();
  const password = typed ?? generateFirstPassword(data.username, policy);
  assertPasswordAllowed('password', password, data.username, policy);
  await assertUnitExists(data.unitId, data.role);
  const adminDuties = await dutiesFor(data.role, data.adminDuties);
  const columnIds = await columnScopeFor(data.role, data.columnIds);

  const db = await getDb();
  const passwordHash = await hashPassword(password);
  const id = await takenAsFieldError([{ field: 'username', key: 'username_taken' }], () =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({
          username: data.username,
          displayName: data.displayName,
          role: data.role,
          adminDuties,
          unitId: data.unitId,
          columnIds,
          passwordHash,
          mustChangePassword: true,
          passwordChangedAt: new Date(),
          createdById: actorIdOf(viewer),
        })
        .returning({ id: users.id });
      // Sealed with the account's id, which the insert has just given.
      await tx.update(users).set(contactColumnValues(created!.id, { email: data.email, phone: data.phone })).where(eq(users.id, created!.id));
      await rememberPassword(tx, created!.id, passwordHash);
      await recordAudit(tx, {
        ...auditActor(viewer),
        action: 'user.create',
        targetType: 'user',
        targetId: created!.id,
        meta: { username: data.username, role: data.role, adminDuties, unitId: data.unitId, ...(columnIds ? { columnIds } : {}), via: actorIdOf(viewer) === null ? 'cli' : 'web' },
      });
      return created!.id;
    }),
  );
  return { user: await getUser(viewer, id), generatedPassword: typed ? null : password };
}

async function loadTarget(id: number) {
  const db = await getDb();
  const [target] = await db
    .select({ id: users.id, username: users.username, role: users.role, adminDuties: users.adminDuties, unitId: users.unitId, columnIds: users.columnIds, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!target) throw new AppError('not_found');
  return target;
}

// Admins: name, role, duties, unit and contact. A change of role or duties
// ends the account's sessions; nobody changes their own.
export async function updateUser(viewer: Viewer, id: number, input: unknown): Promise<UserSummary> {
  requirePermission(viewer, 'users:update');
  const data = parse(updateSchema, input);
  const target = await loadTarget(id);
  const roleChanged = target.role !== data.role;
  if (roleChanged && !canChangeAccount(viewer, target, 'role')) throw validationError({ role: 'cannot_change_own_role' });
  const adminDuties = await dutiesFor(data.role, data.adminDuties, target.role === 'admin' ? target.adminDuties : undefined);
  const dutiesChanged = !sameDuties(adminDuties, target.adminDuties);
  if (dutiesChanged && !roleChanged && !canChangeAccount(viewer, target, 'duties')) throw validationError({ adminDuties: 'cannot_change_own_duties' });
  // What an account may do changed: its sessions end, as for a role change.
  const powersChanged = roleChanged || dutiesChanged;
  await assertUnitExists(data.unitId, data.role);
  const columnIds = await columnScopeFor(data.role, data.columnIds === undefined ? target.columnIds : data.columnIds);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const contact = await keepingUnreadable(tx, id, { email: data.email, phone: data.phone });
    await tx
      .update(users)
      .set({
        displayName: data.displayName,
        role: data.role,
        adminDuties,
        unitId: data.unitId,
        columnIds,
        ...contactColumnValues(id, contact),
        updatedAt: new Date(),
        ...(powersChanged ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, id));
    await recordAudit(tx, {
      ...auditActor(viewer),
      action: roleChanged ? 'user.role_change' : dutiesChanged ? 'user.duties_change' : 'user.update',
      targetType: 'user',
      targetId: id,
      meta: {
        from: { role: target.role, adminDuties: target.adminDuties, unitId: target.unitId, columnIds: target.columnIds },
        to: { role: data.role, adminDuties, unitId: data.unitId, columnIds },
      },
    });
  });
  return getUser(viewer, id);
}

// Admins: disabling ends the account's sessions at once; nobody disables themselves.
export async function setUserDisabled(viewer: Viewer, id: number, disabled: boolean): Promise<UserSummary> {
  requirePermission(viewer, 'users:disable');
  const target = await loadTarget(id);
  if (!canChangeAccount(viewer, target, 'disable')) throw new AppError('forbidden', 'cannot disable own account', { form: 'cannot_disable_self' });
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      // Enabling starts the dormancy clock again (lib/auth/dormant.ts).
      .set({ disabledAt: disabled ? new Date() : null, disabledReason: null, ...(disabled ? {} : { enabledAt: new Date() }), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id));
    await recordAudit(tx, { ...auditActor(viewer), action: disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: id });
  });
  return getUser(viewer, id);
}

// Admins: a new first password (typed or generated), to be changed at next
// login; existing sessions end.
export async function resetUserPassword(viewer: Viewer, id: number, typedPassword?: string | null): Promise<{ generatedPassword: string | null }> {
  requirePermission(viewer, 'users:reset-password');
  const target = await loadTarget(id);
  const typed = typedPassword?.trim() ? typedPassword : null;
  const policy = await currentPasswordPolicy();
  const password = typed ?? generateFirstPassword(target.username, policy);
  assertPasswordAllowed('password', password, target.username, policy);
  const db = await getDb();
  if (typed) await assertNotReused(db, 'password', id, password, policy);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, id));
    await rememberPassword(tx, id, passwordHash);
    await recordAudit(tx, { ...auditActor(viewer), action: 'user.reset_password', targetType: 'user', targetId: id });
  });
  return { generatedPassword: typed ? null : password };
}

const changeOwnSchema = z.object({
  currentPassword: z.string().min(1, 'required').max(200),
  newPassword: z.string().max(200),
  confirmPassword: z.string().max(200),
});

// Any signed-in user, also one who must change the first password (the one
// thing such a user may do). Ends every other session of the account.
export async function changeOwnPassword(viewer: Viewer, input: unknown): Promise<void> {
  if (!viewer) throw new AppError('unauthorized');
  const data = parse(changeOwnSchema, input);
  if (data.newPassword !== data.confirmPassword) throw validationError({ confirmPassword: 'password_mismatch' });
  const policy = await currentPasswordPolicy();
  assertPasswordAllowed('newPassword', data.newPassword, viewer.username, policy);
  if (data.newPassword === data.currentPassword) throw validationError({ newPassword: 'password_unchanged' });
  const db = await getDb();
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.id)).limit(1);
  if (!row) throw new AppError('unauthorized');
  if (!(await verifyPassword(row.passwordHash, data.currentPassword))) {
    // Someone at a signed-in browser guessing the password is a security event.
    await recordAudit(db, { ...auditActor(viewer), action: 'user.change_own_password_failure', targetType: 'user', targetId: viewer.id, meta: { reason: 'password_wrong' } });
    throw validationError({ currentPassword: 'password_wrong' });
  }
  // Only once the current password is proven: the history says nothing to a stranger.
  await assertNotReused(db, 'newPassword', viewer.id, data.newPassword, policy);
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, viewer.id));
    await rememberPassword(tx, viewer.id, passwordHash);
    await recordAudit(tx, { ...auditActor(viewer), action: 'user.change_own_password', targetType: 'user', targetId: viewer.id });
  });
}

const profileSchema = z.object({
  displayName: displayNameSchema,
  email: optionalText(120).pipe(z.string().email('email_format').nullable()),
  phone: optionalText(40),
});

export type OwnProfile = { username: string; displayName: string; email: string | null; phone: string | null; role: UserRole; unitName: string | null };

export async function getOwnProfile(viewer: Viewer): Promise<OwnProfile> {
  requirePermission(viewer, 'account:edit-own-profile');
  const db = await getDb();
  const [row] = await db
    .select({ username: users.username, displayName: users.displayName, ...contactColumns, role: users.role, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, viewer.id))
    .limit(1);
  if (!row) throw new AppError('unauthorized');
  // One's own, in full.
  return { username: row.username, displayName: row.displayName, ...openContacts(viewer.id, row), role: row.role, unitName: row.unitName };
}

// Any signed-in user: their own display name and contact details.
export async function updateOwnProfile(viewer: Viewer, input: unknown): Promise<void> {
  requirePermission(viewer, 'account:edit-own-profile');
  const data = parse(profileSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const contact = await keepingUnreadable(tx, viewer.id, { email: data.email, phone: data.phone });
    await tx
      .update(users)
      .set({ displayName: data.displayName, ...contactColumnValues(viewer.id, contact), updatedAt: new Date() })
      .where(eq(users.id, viewer.id));
    await recordAudit(tx, { ...auditActor(viewer), action: 'user.update_profile', targetType: 'user', targetId: viewer.id });
  });
}

// For the CLI: the id of an account by username (case-insensitive).
export async function findUserIdByUsername(username: string): Promise<number | undefined> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, username.trim().toLowerCase())).limit(1);
  return row?.id;
}

export async function countUsers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export const roleOrder: readonly UserRole[] = ['admin', 'editor', 'unit_approver', 'correspondent'];
