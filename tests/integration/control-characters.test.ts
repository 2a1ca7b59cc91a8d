import { beforeAll, describe, expect, test } from 'vitest';
import { listAuditTrail } from '@/lib/audit-trail';
import { authenticate } from '@/lib/auth/login';
import { createColumn } from '@/lib/columns';
import { parseQueueFilters, listReviewStories } from '@/lib/review-queue';
import { searchPublished } from '@/lib/search';
import { updateSettings, getSettingsForAdmin } from '@/lib/settings';
import { addComment, claimStory, createStory, listOwnStories, publishStory, returnStory, saveStory } from '@/lib/stories';
import { createUnit, updateUnit } from '@/lib/units';
import { createUser, listUsers, updateOwnProfile, getOwnProfile } from '@/lib/users';
import { createAdmin, createCorrespondent, createEditor, createSubmittedStory, type TestUser } from '../support/factories';

// Control characters in any text a person sends: PostgreSQL refuses NUL in
// text and jsonb, so each used to end in a database error and a generic
// message. Every free-text field of every write, and every search box, drops
// them and goes on (lib/text-input.ts).

const NUL = '\u0000';
const JUNK = `${NUL}\u0007\u000b\u001f\u007f`;
// "正文" with junk between every character: what arrives, and what must be stored.
const dirty = (text: string) => [...text].join(JUNK);

let admin: TestUser;
let editor: TestUser;
let author: TestUser;

beforeAll(async () => {
  [admin, editor, author] = await Promise.all([createAdmin(), createEditor(), createCorrespondent()]);
});

describe('story text', () => {
  test('title, subtitle, byline, summary, source and body of a draft, created and saved', async () => {
    const fields = { title: dirty('标题'), subtitle: dirty('副题'), byline: dirty('通讯员 甲'), summary: dirty('摘要'), source: dirty('来源'), bodyHtml: `<p>${dirty('正文内容')}</p>` };
    const draft = await createStory(author.viewer, fields);
    expect(draft).toMatchObject({ title: '标题', subtitle: '副题', byline: '通讯员 甲', summary: '摘要', source: '来源', bodyHtml: '<p>正文内容</p>' });
    const saved = await saveStory(author.viewer, draft.id, draft.version, { ...fields, title: dirty('新标题') });
    expect(saved.title).toBe('新标题');
  });

  test('publishing: byline, source, editor and the scheduled time; a return note; a comment', async () => {
    const { story, columnId } = await createSubmittedStory({ author });
    const claimed = await claimStory(editor.viewer, story.id);
    const returned = await returnStory(editor.viewer, story.id, claimed.version, dirty('请补充'));
    expect(returned.lastNote).toBe('请补充');
    const comment = await addComment(editor.viewer, story.id, { body: dirty('内部意见') });
    expect(comment.body).toBe('内部意见');

    const { story: other } = await createSubmittedStory({ author, columnId });
    const held = await claimStory(editor.viewer, other.id);
    const published = await publishStory(editor.viewer, other.id, held.version, { columnId, byline: dirty('通讯员 乙'), source: dirty('本网'), editorName: dirty('编辑丙') });
    expect(published).toMatchObject({ byline: '通讯员 乙', source: '本网', editorName: '编辑丙' });
  });
});

describe('administration', () => {
  test('units, columns, accounts, the own profile and every settings group', async () => {
    const unit = await createUnit(admin.viewer, { name: dirty(`单位${Date.now()}`), description: dirty('说明') });
    expect(unit.name).not.toMatch(/[\u0000-\u001f]/);
    expect((await updateUnit(admin.viewer, unit.id, { name: unit.name, description: dirty('新说明') })).description).toBe('新说明');

    const token = String(Date.now()).slice(-8);
    const column = await createColumn(admin.viewer, { name: dirty(`栏目${token}`), slug: `ctl-${token}`, description: dirty('栏目说明') });
    expect(column).toMatchObject({ name: `栏目${token}`, description: '栏目说明' });

    const { user } = await createUser(admin.viewer, { username: `ctl${Date.now()}`, displayName: dirty('新人'), role: 'editor', phone: dirty('13800000000'), email: dirty('a@example.com') });
    expect(user).toMatchObject({ displayName: '新人', phone: '13800000000', email: 'a@example.com' });

    await updateOwnProfile(author.viewer, { displayName: dirty('方勇'), phone: dirty('023-1234'), email: '' });
    expect(await getOwnProfile(author.viewer)).toMatchObject({ displayName: '方勇', phone: '023-1234' });

    const before = await getSettingsForAdmin(admin.viewer);
    await updateSettings(admin.viewer, 'footer', { ...before.footer, phone: dirty('023-6666'), sponsor: dirty('重庆市委政法委') } as never);
    expect((await getSettingsForAdmin(admin.viewer)).footer).toMatchObject({ phone: '023-6666', sponsor: '重庆市委政法委' });
    await updateSettings(admin.viewer, 'footer', before.footer as never);
  });
});

describe('search boxes and sign-in', () => {
  test('the desk, the queue, the user list, the audit trail and the public search answer, never a database error', async () => {
    await expect(listOwnStories(author.viewer, { q: dirty('标题') })).resolves.toMatchObject({ rows: expect.any(Array) });
    await expect(listReviewStories(editor.viewer, parseQueueFilters({ q: dirty('测试') }), 'Asia/Shanghai')).resolves.toBeDefined();
    await expect(listUsers(admin.viewer, { q: dirty('admin') })).resolves.toMatchObject({ rows: expect.any(Array) });
    await expect(listAuditTrail(admin.viewer, { person: dirty('admin'), story: dirty('2026') })).resolves.toBeDefined();
    await expect(searchPublished(dirty('法律明白人'))).resolves.toBeDefined();
  });

  test('a username with a NUL is a failed sign-in, not an error', async () => {
    await expect(authenticate({ username: `ad${NUL}min`, password: 'wrong-password', ip: '203.0.113.9' })).resolves.toMatchObject({ ok: false });
  });
});

