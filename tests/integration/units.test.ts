import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, stories, units } from '@/db/schema';
import { createUnit, deleteUnit, listUnits, updateUnit } from '@/lib/units';
import { createAdmin, createCorrespondent, createEditor, createUnit as makeUnit, expectAppError, uniqueToken } from '../support/factories';

describe('units', () => {
  test('an administrator creates a unit; the name is trimmed and audited', async () => {
    const admin = await createAdmin();
    const name = `渝中区法院-${uniqueToken()}`;
    const unit = await createUnit(admin.viewer, { name: `  ${name} `, description: '通讯员单位' });
    expect(unit).toMatchObject({ name, description: '通讯员单位' });
    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'unit.create'), eq(auditLog.targetId, String(unit.id))));
    expect(audit).toMatchObject({ actorId: admin.id, targetType: 'unit', meta: { name } });
  });

  test('refuses a blank or duplicate name', async () => {
    const admin = await createAdmin();
    const existing = await makeUnit();
    await expectAppError(createUnit(admin.viewer, { name: '   ' }), 'validation', { name: 'required' });
    await expectAppError(createUnit(admin.viewer, { name: existing.name }), 'validation', { name: 'unit_name_taken' });
  });

  test('renames a unit, refusing a name another unit has', async () => {
    const admin = await createAdmin();
    const unit = await makeUnit();
    const other = await makeUnit();
    const renamed = await updateUnit(admin.viewer, unit.id, { name: `新名称-${uniqueToken()}` });
    expect(renamed.id).toBe(unit.id);
    expect(renamed.name).not.toBe(unit.name);
    await expectAppError(updateUnit(admin.viewer, unit.id, { name: other.name }), 'validation', { name: 'unit_name_taken' });
    await expectAppError(updateUnit(admin.viewer, 2_000_000_000, { name: `x-${uniqueToken()}` }), 'not_found');
  });

  test('deletes an unused unit', async () => {
    const admin = await createAdmin();
    const unit = await makeUnit();
    await deleteUnit(admin.viewer, unit.id);
    const db = await getDb();
    expect(await db.select().from(units).where(eq(units.id, unit.id))).toEqual([]);
    await expectAppError(deleteUnit(admin.viewer, unit.id), 'not_found');
  });

  test('refuses to delete a unit people belong to', async () => {
    const admin = await createAdmin();
    const unit = await makeUnit();
    await createCorrespondent({ unit });
    await expectAppError(deleteUnit(admin.viewer, unit.id), 'conflict', { form: 'unit_in_use' });
    const db = await getDb();
    expect(await db.select().from(units).where(eq(units.id, unit.id))).toHaveLength(1);
  });

  test('refuses to delete a unit that stories were filed under', async () => {
    const admin = await createAdmin();
    const home = await makeUnit();
    const former = await makeUnit();
    const correspondent = await createCorrespondent({ unit: home });
    const db = await getDb();
    // A story filed while its owner belonged to the former unit.
    await db.insert(stories).values({ ownerId: correspondent.id, unitId: former.id, title: '旧单位的稿件' });
    await expectAppError(deleteUnit(admin.viewer, former.id), 'conflict', { form: 'unit_in_use' });
  });

  test('lists units with their member counts to anyone in the portal', async () => {
    const unit = await makeUnit();
    const correspondent = await createCorrespondent({ unit });
    await createCorrespondent({ unit });
    const listed = (await listUnits(correspondent.viewer)).find((u) => u.id === unit.id);
    expect(listed).toMatchObject({ name: unit.name, userCount: 2 });
  });

  test('only administrators manage units', async () => {
    const editor = await createEditor();
    const correspondent = await createCorrespondent();
    const unit = await makeUnit();
    for (const viewer of [editor.viewer, correspondent.viewer]) {
      await expectAppError(createUnit(viewer, { name: `x-${uniqueToken()}` }), 'forbidden');
      await expectAppError(updateUnit(viewer, unit.id, { name: `x-${uniqueToken()}` }), 'forbidden');
      await expectAppError(deleteUnit(viewer, unit.id), 'forbidden');
    }
  });
});
