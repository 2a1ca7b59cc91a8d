import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { stories, storyCredits, units, users, type Unit } from '@/db/schema';
import { getDb } from '@/db/client';
import { auditActor } from './actors';
import { recordAudit } from './audit';
import { AppError, fieldErrorsFrom, takenAsFieldError, validationError } from './errors';
import { requirePermission, type Viewer } from './viewer';
import { typedText } from './text-input';

export type UnitWithCounts = Unit & { userCount: number };

const unitInput = z.object({
  name: typedText().trim().min(1, 'required').max(60, 'too_long'),
  description: typedText().trim().max(200, 'too_long').default(''),
});

function parseUnit(input: unknown) {
  const parsed = unitInput.safeParse(input);
  if (!parsed.success) throw validationError(fieldErrorsFrom(parsed.error));
  return parsed.data;
}

// Anyone in the portal may read unit names (forms, lists); admins manage them.
export async function listUnits(viewer: Viewer): Promise<UnitWithCounts[]> {
  requirePermission(viewer, 'portal:enter');
  const db = await getDb();
  const rows = await db
    .select({ unit: units, userCount: count(users.id) })
    .from(units)
    .leftJoin(users, eq(users.unitId, units.id))
    .groupBy(units.id)
    .orderBy(asc(units.sortOrder), asc(units.name));
  return rows.map((r) => ({ ...r.unit, userCount: r.userCount }));
}

const UNIT_TAKEN = [{ field: 'name', key: 'unit_name_taken' }];

export async function createUnit(viewer: Viewer, input: unknown): Promise<Unit> {
  requirePermission(viewer, 'units:manage');
  const data = parseUnit(input);
  const db = await getDb();
  return takenAsFieldError(UNIT_TAKEN, () =>
    db.transaction(async (tx) => {
      const [unit] = await tx.insert(units).values(data).returning();
      await recordAudit(tx, { ...auditActor(viewer), action: 'unit.create', targetType: 'unit', targetId: unit!.id, meta: { name: data.name } });
      return unit!;
    }),
  );
}

export async function updateUnit(viewer: Viewer, id: number, input: unknown): Promise<Unit> {
  requirePermission(viewer, 'units:manage');
  const data = parseUnit(input);
  const db = await getDb();
  return takenAsFieldError(UNIT_TAKEN, () =>
    db.transaction(async (tx) => {
      const [unit] = await tx.update(units).set({ ...data, updatedAt: new Date() }).where(eq(units.id, id)).returning();
      if (!unit) throw new AppError('not_found');
      await recordAudit(tx, { ...auditActor(viewer), action: 'unit.update', targetType: 'unit', targetId: id, meta: data });
      return unit;
    }),
  );
}

// A unit that people or stories belong to (filed from it, or credited to
// one of its people) cannot be deleted, only renamed.
export async function deleteUnit(viewer: Viewer, id: number): Promise<void> {
  requirePermission(viewer, 'units:manage');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [inUse] = await tx
      .select({
        n: sql<number>`(select count(*) from ${users} where ${users.unitId} = ${id}) + (select count(*) from ${stories} where ${stories.unitId} = ${id}) + (select count(*) from ${storyCredits} where ${storyCredits.unitId} = ${id})`,
      })
      .from(sql`(select 1) as one`);
    if (Number(inUse?.n ?? 0) > 0) throw new AppError('conflict', 'unit in use', { form: 'unit_in_use' });
    const deleted = await tx.delete(units).where(eq(units.id, id)).returning({ id: units.id });
    if (deleted.length === 0) throw new AppError('not_found');
    await recordAudit(tx, { ...auditActor(viewer), action: 'unit.delete', targetType: 'unit', targetId: id });
  });
}

// For the CLI: a unit by its exact name.
export async function findUnitByName(name: string): Promise<Unit | undefined> {
  const db = await getDb();
  const [unit] = await db.select().from(units).where(eq(units.name, name.trim())).limit(1);
  return unit;
}
