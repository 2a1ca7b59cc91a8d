import { describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, storyEvents } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { AuditLogAction, StoryEventAction } from '@/lib/audit-actions';
import { appendAuditRows, appendStoryEvents } from '@/lib/audit-chain/internal/append';
import { listAuditTrail, type AuditTrailRow } from '@/lib/audit-trail';
import { authenticate } from '@/lib/auth/login';
import { claimStory, publishStory, saveStory, takeOverStory } from '@/lib/stories';
import { formatDate } from '@/lib/format';
import { getSiteSettings } from '@/lib/settings';
import { getScoringRules, updateScoringRules } from '@/lib/stats/scoring';
import { recordEvent } from '@/lib/stories/internal/transition';
import { updateUser } from '@/lib/users';
import { createAdmin, createEditor, createSubmittedStory, expectAppError, STORY_BODY_HTML, TEST_PASSWORD, uniqueIp, uniqueUsername } from '../support/factories';

// The audit trail page's query (lib/audit listAuditTrail): both tables in one
// newest-first list, every filter, keyset pages, admins only.

const DAY_MS = 86_400_000;

function actions(rows: AuditTrailRow[]): string[] {
  return rows.map((r) => r.action);
}

describe('listAuditTrail', () => {
  test('a login, an account change and a story transition appear with actor, time, action, target and address', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    const { story } = await createSubmittedStory();
    const loginIp = uniqueIp();
    const actIp = uniqueIp();
    const before = Date.now() - 1000;

    expect((await authenticate({ username: editor.username, password: TEST_PASSWORD, ip: loginIp })).ok).toBe(true);
    await updateUser({ ...admin.viewer, ip: actIp }, editor.id, { displayName: '改过的名字', role: 'editor' });
    await claimStory({ ...editor.viewer, ip: actIp }, story.id);
    const after = Date.now() + 1000;

    const byEditor = await listAuditTrail(admin.viewer, { person: editor.username });
    expect(byEditor.issues).toEqual([]);
    expect(actions(byEditor.rows)).toEqual(['story.claim', 'login.success']);
    const [claim, login] = byEditor.rows as [AuditTrailRow, AuditTrailRow];

    expect(login.actor).toEqual({ id: editor.id, username: editor.username, displayName: '改过的名字' });
    expect(login.target).toMatchObject({ type: 'user', id: editor.id, username: editor.username });
    expect(login.ip).toBe(loginIp);
    expect(login.at.getTime()).toBeGreaterThan(before);
    expect(login.at.getTime()).toBeLessThan(after);

    expect(claim.actor?.id).toBe(editor.id);
    expect(claim.target).toEqual({ type: 'story', id: story.id, receiptNo: story.receiptNo, title: story.title });
    expect(claim).toMatchObject({ fromStatus: 'submitted', toStatus: 'in_review', ip: actIp });
    // The address is shown in its own column, not again among the details.
    expect(claim.meta).toEqual({});

    const byAdmin = await listAuditTrail(admin.viewer, { person: admin.username, action: 'account' });
    const change = byAdmin.rows.find((r) => r.action === 'user.update' && r.target?.type === 'user' && r.target.id === editor.id);
    expect(change).toBeDefined();
    expect(change!.actor?.id).toBe(admin.id);
    expect(change!.target).toMatchObject({ type: 'user', id: editor.id, displayName: '改过的名字' });
    expect(change!.ip).toBe(actIp);
    expect(change!.at.getTime()).toBeGreaterThan(before);
  });

  test('a failed login for a name no account has shows the name typed, and the person filter finds it', async () => {
    const admin = await createAdmin();
    const typed = uniqueUsername('nobody');
    const ip = uniqueIp();
    expect((await authenticate({ username: typed, password: 'wrong-password', ip })).ok).toBe(false);

    const page = await listAuditTrail(admin.viewer, { person: typed.toUpperCase() });
    expect(page.issues).toEqual([{ field: 'person', code: 'no_account', value: typed.toUpperCase() }]);
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ action: 'login.failure', actor: null, target: { type: 'username', username: typed.toLowerCase() }, ip });
  });

  test('a take-over is listed once, with its previous holder', async () => {
    const admin = await createAdmin();
    const [first, second] = await Promise.all([createEditor(), createEditor()]);
    const { story } = await createSubmittedStory();
    await claimStory(first.viewer, story.id);
    const ip = uniqueIp();
    await takeOverStory({ ...second.viewer, ip }, story.id);

    const page = await listAuditTrail(admin.viewer, { story: String(story.id), action: 'story.take_over' });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ actor: { id: second.id }, meta: { previousAssigneeId: first.id }, ip });
    expect(page.names.users[first.id]).toBe(first.viewer.displayName);
  });

  test('filters: action group and action, story by receipt number or id, date range', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    const { story, author } = await createSubmittedStory();
    await authenticate({ username: editor.username, password: TEST_PASSWORD, ip: uniqueIp() });
    await claimStory(editor.viewer, story.id);

    const logins = await listAuditTrail(admin.viewer, { person: editor.username, action: 'login' });
    expect(actions(logins.rows)).toEqual(['login.success']);
    const stories = await listAuditTrail(admin.viewer, { person: editor.username, action: 'story' });
    expect(actions(stories.rows)).toEqual(['story.claim']);
    const claims = await listAuditTrail(admin.viewer, { person: editor.username, action: 'story.claim' });
    expect(actions(claims.rows)).toEqual(['story.claim']);

    const byReceipt = await listAuditTrail(admin.viewer, { story: story.receiptNo! });
    expect(actions(byReceipt.rows)).toEqual(['story.claim', 'story.submit', 'story.create']);
    expect(byReceipt.rows.map((r) => r.actor?.id)).toEqual([editor.id, author.id, author.id]);
    const byId = await listAuditTrail(admin.viewer, { story: String(story.id) });
    expect(byId.rows.map((r) => r.key)).toEqual(byReceipt.rows.map((r) => r.key));

    const { site } = await getSiteSettings();
    const today = formatDate(new Date(), site.timeZone);
    const tomorrow = formatDate(new Date(Date.now() + DAY_MS), site.timeZone);
    const yesterday = formatDate(new Date(Date.now() - DAY_MS), site.timeZone);
    const within = await listAuditTrail(admin.viewer, { story: story.receiptNo!, from: today, to: today });
    expect(within.rows).toHaveLength(3);
    expect((await listAuditTrail(admin.viewer, { story: story.receiptNo!, from: tomorrow })).rows).toEqual([]);
    expect((await listAuditTrail(admin.viewer, { story: story.receiptNo!, to: yesterday })).rows).toEqual([]);
  });

  test('bad filter values are reported and ignored, never an error', async () => {
    const admin = await createAdmin();
    const { story } = await createSubmittedStory();

    const page = await listAuditTrail(admin.viewer, { story: story.receiptNo!, action: 'user.explode', from: '2026-02-30', to: 'yesterday' }, { before: 'garbage' });
    expect(page.issues).toEqual([
      { field: 'action', code: 'unknown', value: 'user.explode' },
      { field: 'from', code: 'invalid', value: '2026-02-30' },
      { field: 'to', code: 'invalid', value: 'yesterday' },
      { field: 'page', code: 'invalid', value: '' },
    ]);
    expect(actions(page.rows)).toEqual(['story.submit', 'story.create']);

    const reversed = await listAuditTrail(admin.viewer, { story: story.receiptNo!, from: '2026-05-02', to: '2026-05-01' });
    expect(reversed.issues).toEqual([{ field: 'to', code: 'reversed', value: '2026-05-01' }]);
    expect(reversed.rows).toHaveLength(2);

    const missing = await listAuditTrail(admin.viewer, { story: '1999-999999' });
    expect(missing.issues).toEqual([{ field: 'story', code: 'not_found', value: '1999-999999' }]);
    expect(missing.rows).toEqual([]);
    expect((await listAuditTrail(admin.viewer, { story: '2147483647' })).issues[0]?.code).toBe('not_found');
    expect((await listAuditTrail(admin.viewer, { story: '99999999999' })).issues[0]).toMatchObject({ field: 'story', code: 'invalid' });
  });

  test('pages forward and back without duplicates or gaps, also among rows of the same microsecond', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    const { story } = await createSubmittedStory();
    const db = await getDb();
    const base = Date.now() - 3600_000;
    // Both tables, several rows sharing one instant, others a second apart.
    const same = new Date(base);
    const audits = Array.from({ length: 9 }, (_, i) => ({
      actorId: editor.id,
      action: 'login.success',
      targetType: 'user',
      targetId: String(editor.id),
      ip: `198.18.0.${i + 1}`,
      meta: {},
      createdAt: i < 5 ? same : new Date(base + (i - 4) * 1000),
    }));
    const events = Array.from({ length: 8 }, (_, i) => ({
      storyId: story.id,
      actorId: editor.id,
      action: 'claim',
      fromStatus: 'submitted' as const,
      toStatus: 'in_review' as const,
      note: null,
      meta: null,
      createdAt: i < 5 ? same : new Date(base - (i - 4) * 1000),
    }));
    await appendAuditRows(db, audits);
    await appendStoryEvents(db, events);

    const seen: string[] = [];
    const times: number[] = [];
    const pages: string[][] = [];
    let before: string | undefined;
    let newerOfLast: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await listAuditTrail(admin.viewer, { person: editor.username }, { before, size: 4 });
      if (i === 0) expect(page.newer).toBeNull();
      else expect(page.newer).not.toBeNull();
      pages.push(page.rows.map((r) => r.key));
      seen.push(...page.rows.map((r) => r.key));
      times.push(...page.rows.map((r) => r.at.getTime()));
      newerOfLast = page.newer;
      if (!page.older) break;
      before = page.older;
    }
    expect(seen).toHaveLength(17);
    expect(new Set(seen).size).toBe(17);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 1]);

    // Back from the last page, newest-first within each page, the same pages.
    let after = newerOfLast;
    const back: string[][] = [];
    while (after) {
      const page = await listAuditTrail(admin.viewer, { person: editor.username }, { after, size: 4 });
      back.unshift(page.rows.map((r) => r.key));
      after = page.newer;
    }
    expect(back).toEqual(pages.slice(0, -1));
  });

  test('an edit of a published story is on the trail, with who made it and from where', async () => {
    const admin = await createAdmin();
    const editor = await createEditor();
    const { story, columnId } = await createSubmittedStory();
    const claimed = await claimStory(editor.viewer, story.id);
    const published = await publishStory(editor.viewer, story.id, claimed.version, { columnId, byline: '通讯员' });
    const ip = uniqueIp();
    await saveStory({ ...editor.viewer, ip }, story.id, published.version, { title: `${story.title}（更正）`, columnId, bodyHtml: STORY_BODY_HTML });
    const trail = await listAuditTrail(admin.viewer, { story: String(story.id) });
    expect(actions(trail.rows).slice(0, 2)).toEqual(['story.edit', 'story.publish']);
    expect(trail.rows[0]).toMatchObject({ actor: { id: editor.id }, fromStatus: 'published', toStatus: 'published', ip });
  });

  test('editors, correspondents and an admin who must still change the first password are refused', async () => {
    const editor = await createEditor();
    const { author } = await createSubmittedStory();
    const fresh = await createAdmin({ mustChangePassword: true });
    await expectAppError(listAuditTrail(editor.viewer, {}), 'forbidden');
    await expectAppError(listAuditTrail(author.viewer, {}), 'forbidden');
    await expectAppError(listAuditTrail(fresh.viewer, {}), 'password_change_required');
  });
});

describe('the action registry', () => {
  test('an action the registry does not know is refused, and nothing is written', async () => {
    const db = await getDb();
    const { story } = await createSubmittedStory();
    const before = await db.$count(auditLog);
    const events = await db.$count(storyEvents);
    await expect(recordAudit(db, { actorId: null, action: 'mail.sent' as AuditLogAction })).rejects.toThrow(/unregistered audit action/);
    await expect(db.transaction((tx) => recordEvent(tx, story, null, 'archive' as StoryEventAction, story.status, story.status))).rejects.toThrow(/unregistered story event/);
    expect(await db.$count(auditLog)).toBe(before);
    expect(await db.$count(storyEvents)).toBe(events);
  });

  test('a change of the scoring rules is listed under the site group and found by its action', async () => {
    const admin = await createAdmin();
    // Saved as they stand: other files' figures depend on the rules.
    await updateScoringRules(admin.viewer, await getScoringRules(admin.viewer));
    const page = await listAuditTrail(admin.viewer, { action: 'scoring.update', person: admin.viewer.username });
    expect(page.rows[0]).toMatchObject({ action: 'scoring.update', group: 'site' });
    expect(page.issues).toEqual([]);
  });
});

