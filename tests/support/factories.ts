import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { siteColumns, users, type AdminDuty, type SiteColumn, type Story, type Unit, type UserRole } from '@/db/schema';
import { systemActor } from '@/lib/actors';
import type { SessionClaims } from '@/lib/auth/config';
import { isAppError, type AppErrorCode, type FieldErrors } from '@/lib/errors';
import { currentFlowVersionFor } from '@/lib/review-flows';
import { seededFlowPosition } from '@/lib/review-flows/stages';
import { createStory, submitStory } from '@/lib/stories';
import { createUnit as createUnitWithLib } from '@/lib/units';
import { createUser } from '@/lib/users';
import type { Viewer } from '@/lib/viewer';

// Test data made through lib/ as the CLI would make it (systemActor), with
// names unique per call so no test depends on, or collides with, another.

let sequence = 0;

// A short unique token: letters and digits only, safe in usernames.
export function uniqueToken(): string {
  sequence += 1;
  return `${Date.now().toString(36).slice(-5)}${sequence.toString(36)}${randomBytes(3).toString('hex')}`;
}

// A username the schema accepts (3–32 of [A-Za-z0-9_.-]).
export function uniqueUsername(prefix = 'u'): string {
  return `${prefix}_${uniqueToken()}`.slice(0, 32);
}

// A documentation-range address nobody else uses in this run, so the
// per-address login limit of one test never touches another.
export function uniqueIp(): string {
  const n = randomBytes(3);
  return `198.${18 + (n[0]! % 2)}.${n[1]}.${n[2]}`;
}

export const TEST_PASSWORD = 'Test-password-2026';

export type TestUser = {
  id: number;
  username: string;
  password: string;
  role: UserRole;
  unitId: number | null;
  sessionVersion: number;
  // The acting user as lib/ functions receive it.
  viewer: Viewer;
};

type UserOptions = {
  username?: string;
  displayName?: string;
  password?: string;
  // Accounts are created with a first password to change; most tests want a
  // user who has already done that.
  mustChangePassword?: boolean;
  // An administrator's duties; all three when left out, as by default.
  adminDuties?: AdminDuty[];
};

async function makeUser(role: UserRole, unitId: number | null, options: UserOptions): Promise<TestUser> {
  const username = options.username ?? uniqueUsername(role.slice(0, 4));
  const password = options.password ?? TEST_PASSWORD;
  const displayName = options.displayName ?? `${role} ${username}`;
  const { user } = await createUser(systemActor, { username, displayName, role, adminDuties: options.adminDuties, unitId: unitId ?? undefined, password });
  const mustChangePassword = options.mustChangePassword ?? false;
  const db = await getDb();
  const [row] = await db
    .update(users)
    .set({ mustChangePassword })
    .where(eq(users.id, user.id))
    .returning({ sessionVersion: users.sessionVersion });
  return {
    id: user.id,
    username,
    password,
    role,
    unitId,
    sessionVersion: row!.sessionVersion,
    viewer: { id: user.id, username, displayName, role, adminDuties: user.adminDuties, unitId, mustChangePassword },
  };
}

export async function createUnit(options: { name?: string } = {}): Promise<Unit> {
  return createUnitWithLib(systemActor, { name: options.name ?? `测试单位-${uniqueToken()}` });
}

export function createAdmin(options: UserOptions = {}): Promise<TestUser> {
  return makeUser('admin', null, options);
}

export function createEditor(options: UserOptions = {}): Promise<TestUser> {
  return makeUser('editor', null, options);
}

// A correspondent files for a unit; one is made when none is given.
export async function createCorrespondent(options: UserOptions & { unit?: Unit | number } = {}): Promise<TestUser> {
  const unit = options.unit ?? (await createUnit());
  return makeUser('correspondent', typeof unit === 'number' ? unit : unit.id, options);
}

// 单位审核员: approves their unit's stories at a flow's unit stage.
export async function createUnitApprover(options: UserOptions & { unit: Unit | number }): Promise<TestUser> {
  return makeUser('unit_approver', typeof options.unit === 'number' ? options.unit : options.unit.id, options);
}

// A 栏目 to file and publish stories under (columns have no lib/ writer yet).
export async function createColumn(options: { name?: string; isActive?: boolean } = {}): Promise<SiteColumn> {
  const db = await getDb();
  const token = uniqueToken().toLowerCase();
  const [column] = await db
    .insert(siteColumns)
    .values({ slug: `c-${token}`, name: options.name ?? `栏目-${token}`, isActive: options.isActive ?? true })
    .returning();
  return column!;
}

// A body long enough to submit.
export const STORY_BODY_HTML = '<p>本网讯（通讯员 测试）近日，某区司法局组织开展法律明白人专题培训，全区二百余名法律明白人参加培训。</p>';

type SubmittedStoryOptions = { author?: TestUser; columnId?: number; title?: string; bodyHtml?: string };

// A story its author has written and filed (submitted, with a receipt
// number), through lib/ as the desk does it.
export async function createSubmittedStory(options: SubmittedStoryOptions = {}): Promise<{ author: TestUser; columnId: number; story: Story }> {
  const author = options.author ?? (await createCorrespondent());
  const columnId = options.columnId ?? (await createColumn()).id;
  const draft = await createStory(author.viewer, { title: options.title ?? `测试稿件 ${uniqueToken()}`, columnId, bodyHtml: options.bodyHtml ?? STORY_BODY_HTML });
  const story = await submitStory(author.viewer, draft.id, draft.version);
  return { author, columnId, story };
}

// The decoded session cookie as lib/auth would produce it at login.
export function sessionClaimsFor(user: { id: number; sessionVersion: number }, atMs = Date.now()): SessionClaims {
  const at = Math.floor(atMs / 1000);
  return { user: { id: String(user.id) }, sv: user.sessionVersion, loginAt: at, idleFrom: at };
}

// Awaits a promise that must fail with an AppError of this code (and, when
// given, these field errors).
export async function expectAppError(promise: Promise<unknown>, code: AppErrorCode, fieldErrors?: FieldErrors): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected AppError ${code}`).toBeDefined();
  expect(isAppError(caught), `expected an AppError, got ${String(caught)}`).toBe(true);
  if (!isAppError(caught)) return;
  expect(caught.code).toBe(code);
  if (fieldErrors) expect(caught.fieldErrors).toEqual(fieldErrors);
}

// Where a story written straight into a state stands in the site's default
// flow (as the seeds place theirs): for tests that insert stories directly.
export async function defaultFlowPosition(): Promise<(status: string) => { flowVersionId: number | null; stage: number | null }> {
  const flow = await currentFlowVersionFor(await getDb(), null);
  return (status) => seededFlowPosition(status, flow.id);
}
