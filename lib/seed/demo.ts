import 'server-only';
import { count, eq } from 'drizzle-orm';
import { siteColumns, stories, storyRevisions, units, users, wordEntries, wordLists, type StoryStatus } from '@/db/schema';
import { DEMO_CORRECTIONS, DEMO_CORRECTIONS_NAME } from '../content-check/demo-list';
import type { Db } from '@/db/client';
import { appendStoryEvents } from '../audit-chain/internal/append';
import { hashPassword } from '../auth/password';
import { writeSettingsGroup } from '../settings/internal/write';
import { nextReceiptNo } from '../stories/internal/receipts';
import { seedArticle } from './seed-article';
import { ADMIN_DUTIES } from '../authz';
import { currentFlowVersionFor } from '../review-flows';
import { seededFlowPosition } from '../review-flows/stages';

// The demo site: a provincial legal-news portal like the seed page's, with an
// account of every role and a story in every state. Seeded into the embedded
// database on first start, and into PostgreSQL only when asked.

export const DEMO_PASSWORD = 'tougao-demo-2026';

export const demoAccounts = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', unit: null },
  { username: 'editor1', displayName: '万先觉', role: 'editor', unit: null },
  { username: 'editor2', displayName: '李青', role: 'editor', unit: null },
  { username: 'fangyong', displayName: '方勇', role: 'correspondent', unit: '黔江区司法局' },
  { username: 'chenjing', displayName: '陈静', role: 'correspondent', unit: '黔江区司法局' },
  { username: 'zhoulin', displayName: '周林', role: 'correspondent', unit: '市第四中级人民法院' },
] as const;

const demoUnits = ['黔江区司法局', '市第四中级人民法院'];

const demoColumns = [
  { slug: 'news', name: '法治要闻', description: '全市政法工作要闻' },
  { slug: 'districts', name: '区县动态', description: '各区县政法单位工作动态' },
  { slug: 'lawyers', name: '律师风采', description: '律师行业与执业保障' },
  { slug: 'notices', name: '通知公告', description: '通知、公告与公示' },
];

function html(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('');
}

type DemoStory = {
  title: string;
  column: string;
  owner: string;
  status: StoryStatus;
  paragraphs: readonly string[];
  summary?: string;
  source?: string;
  editor?: string;
  byline?: string;
  publishedAt?: string;
  publishInDays?: number;
  viewCount?: number;
  note?: string;
};

const demoStories: DemoStory[] = [
  {
    title: seedArticle.title,
    column: 'lawyers',
    owner: 'fangyong',
    status: 'published',
    paragraphs: seedArticle.paragraphs,
    summary: '渝东南片区律师执业权利保障工作联席座谈会在黔江召开，与会人员围绕依法保障律师执业权利等方面进行了广泛交流。',
    source: seedArticle.source,
    editor: 'editor1',
    byline: seedArticle.byline,
    publishedAt: seedArticle.publishedAt,
    viewCount: seedArticle.viewCount,
  },
  {
    title: '黔江区开展“法律明白人”培训 提升基层依法治理能力',
    column: 'districts',
    owner: 'chenjing',
    status: 'published',
    paragraphs: [
      '本网讯(通讯员 陈静)近日,黔江区司法局组织开展“法律明白人”专题培训,全区各乡镇(街道)200余名“法律明白人”参加培训。',
      '培训围绕民法典、人民调解法等与群众生产生活密切相关的法律法规进行讲解,并结合典型案例,讲授矛盾纠纷排查化解的方法技巧。',
    ],
    editor: 'editor2',
    byline: '通讯员 陈静',
    publishedAt: '2026-11-20T10:30:00+08:00',
    viewCount: 2316,
  },
  {
    title: '市四中法院发布2026年度商事审判白皮书',
    column: 'news',
    owner: 'zhoulin',
    status: 'published',
    paragraphs: [
      '本网讯(通讯员 周林)11月18日,市第四中级人民法院召开新闻发布会,发布2026年度商事审判白皮书及十大典型案例。',
      '白皮书显示,该院持续深化诉调对接机制,商事纠纷调解成功率较上年明显提升,为优化法治化营商环境提供了有力司法保障。',
    ],
    editor: 'editor1',
    byline: '通讯员 周林',
    publishedAt: '2026-11-18T15:00:00+08:00',
    viewCount: 5120,
  },
  {
    title: '关于开展2026年度优秀通讯员评选工作的通知',
    column: 'notices',
    owner: 'zhoulin',
    status: 'published',
    paragraphs: ['各区县政法单位:为表彰在新闻宣传工作中作出突出贡献的通讯员,现开展2026年度优秀通讯员评选工作。请各单位于12月15日前报送推荐材料。'],
    editor: 'editor2',
    byline: '本网',
    publishedAt: '2026-11-10T09:00:00+08:00',
    viewCount: 860,
  },
  {
    title: '黔江区司法局开展冬季矛盾纠纷排查化解专项行动',
    column: 'districts',
    owner: 'fangyong',
    status: 'submitted',
    paragraphs: ['本网讯(通讯员 方勇)为切实维护冬季社会和谐稳定,黔江区司法局于11月起在全区开展矛盾纠纷排查化解专项行动。'],
  },
  {
    title: '市四中法院举办法官助理业务能力提升培训班',
    column: 'news',
    owner: 'zhoulin',
    status: 'in_review',
    paragraphs: ['本网讯(通讯员 周林)11月25日,市第四中级人民法院举办法官助理业务能力提升培训班,60余名法官助理参加培训。'],
  },
  {
    title: '社区矫正对象集中教育活动侧记',
    column: 'districts',
    owner: 'chenjing',
    status: 'changes_requested',
    paragraphs: ['本网讯(通讯员 陈静)日前,黔江区社区矫正管理局组织开展社区矫正对象集中教育活动。'],
    note: '请补充活动时间、参加人数，并附两张现场照片。',
  },
  {
    title: '某律所开业庆典',
    column: 'lawyers',
    owner: 'fangyong',
    status: 'rejected',
    paragraphs: ['某律师事务所举行开业庆典,多位嘉宾到场祝贺。'],
    note: '商业宣传类稿件不予采用。',
  },
  {
    title: '“宪法宣传周”系列活动即将启动',
    column: 'news',
    owner: 'chenjing',
    status: 'scheduled',
    paragraphs: ['本网讯(通讯员 陈静)12月4日国家宪法日前后,全市政法系统将集中开展“宪法宣传周”系列活动。'],
    editor: 'editor1',
    byline: '通讯员 陈静',
    publishInDays: 3,
  },
  {
    title: '区县法律援助工作站点调整公示',
    column: 'notices',
    owner: 'zhoulin',
    status: 'unpublished',
    paragraphs: ['根据工作安排,部分区县法律援助工作站点将进行调整,现予公示。'],
    editor: 'editor2',
    byline: '通讯员 周林',
    publishedAt: '2026-11-05T09:00:00+08:00',
    note: '公示期已结束，撤下。',
  },
  {
    title: '基层调解员工作日记(草稿)',
    column: 'districts',
    owner: 'fangyong',
    status: 'draft',
    paragraphs: ['清晨七点,调解室的门就被推开了……'],
  },
];

export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

// Seeds the demo into an empty database; refuses to touch one with accounts.
export async function seedDemo(db: Db): Promise<{ seeded: boolean }> {
  if (await hasAnyUser(db)) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const unitIds = new Map<string, number>();
    for (const [i, name] of demoUnits.entries()) {
      const [u] = await tx.insert(units).values({ name, sortOrder: i }).returning({ id: units.id });
      unitIds.set(name, u!.id);
    }
    const userIds = new Map<string, { id: number; displayName: string; unitId: number | null }>();
    for (const a of demoAccounts) {
      const unitId = a.unit ? unitIds.get(a.unit)! : null;
      const [u] = await tx
        .insert(users)
        // The demo's administrator does everything, as every administrator did before duties.
        .values({ username: a.username, displayName: a.displayName, role: a.role, adminDuties: a.role === 'admin' ? [...ADMIN_DUTIES] : [], unitId, passwordHash, mustChangePassword: false })
        .returning({ id: users.id });
      userIds.set(a.username, { id: u!.id, displayName: a.displayName, unitId });
    }
    const columnIds = new Map<string, number>();
    for (const [i, c] of demoColumns.entries()) {
      const [col] = await tx.insert(siteColumns).values({ ...c, sortOrder: i }).returning({ id: siteColumns.id });
      columnIds.set(c.slug, col!.id);
    }

    await writeSettingsGroup(tx, 'site', { name: '重庆长安网', defaultSource: '重庆长安网', timeZone: 'Asia/Shanghai' }, null);
    await writeSettingsGroup(
      tx,
      'footer',
      {
        copyright: 'Copyright 2020 © 重庆长安网',
        sponsor: '中共重庆市委政法委员会',
        operator: '重庆法治报社',
        publicSecurityRecord: '渝公网安备50011202500163号',
        publicSecurityRecordCode: '50011202500163',
        icpRecord: '渝ICP备15010797号',
        phone: '023-88196826',
        extortionHotlineLabel: '重庆法治报社打击“新闻敲诈”举报电话',
        extortionHotline: '023-88196822',
        copyrightNotice: '本网及网群刊发稿件，版权归重庆长安网所有，未经授权，禁止复制或建立镜像',
      },
      null,
    );

    const editor1 = userIds.get('editor1')!;
    const now = Date.now();
    const flow = await currentFlowVersionFor(tx, null);
    for (const [i, s] of demoStories.entries()) {
      const owner = userIds.get(s.owner)!;
      const editor = s.editor ? userIds.get(s.editor)! : null;
      const publishedAt = s.publishedAt ? new Date(s.publishedAt) : null;
      // Filed a few hours apart, and always before their publication.
      const filedAt = now - (demoStories.length - i) * 3 * 3600_000;
      const submittedAt = new Date(publishedAt ? Math.min(filedAt, publishedAt.getTime() - 6 * 3600_000) : filedAt);
      const publishAt = s.publishInDays ? new Date(now + s.publishInDays * 86400_000) : null;
      const year = (publishedAt ?? submittedAt).getFullYear();
      const receiptNo = s.status === 'draft' ? null : await nextReceiptNo(tx, year);
      const bodyHtml = html(s.paragraphs);
      const bodyText = s.paragraphs.join('\n');
      const assigneeId = s.status === 'in_review' ? editor1.id : null;
      const position = seededFlowPosition(s.status, flow.id);
      const [story] = await tx
        .insert(stories)
        .values({
          receiptNo,
          status: s.status,
          ownerId: owner.id,
          unitId: owner.unitId,
          columnId: columnIds.get(s.column)!,
          title: s.title,
          summary: s.summary ?? '',
          byline: s.byline ?? `通讯员 ${owner.displayName}`,
          source: s.source ?? (editor ? '重庆长安网' : ''),
          bodyHtml,
          bodyText,
          assigneeId,
          ...position,
          returnedById: s.status === 'changes_requested' ? editor1.id : null,
          claimedAt: assigneeId ? new Date(now - 3600_000) : null,
          firstSubmittedAt: receiptNo ? submittedAt : null,
          submittedAt: receiptNo ? submittedAt : null,
          lastNote: s.note ?? null,
          publishAt,
          publishedAt: s.status === 'published' || s.status === 'unpublished' ? publishedAt : null,
          firstPublishedAt: publishedAt,
          publishedById: editor?.id ?? null,
          editorName: editor?.displayName ?? '',
          signerName: (publishedAt || publishAt) && editor ? editor.displayName : '',
          viewCount: s.viewCount ?? 0,
          createdAt: submittedAt,
          updatedAt: publishedAt ?? submittedAt,
        })
        .returning({ id: stories.id });
      await tx.insert(storyRevisions).values({
        storyId: story!.id,
        storyVersion: 1,
        kind: receiptNo ? 'submit' : 'autosave',
        authorId: owner.id,
        title: s.title,
        bodyHtml,
        bodyText,
        createdAt: submittedAt,
      });
      if (receiptNo) {
        await appendStoryEvents(tx, [{ storyId: story!.id, actorId: owner.id, action: 'submit', fromStatus: 'draft', toStatus: 'submitted', note: null, meta: null, createdAt: submittedAt }]);
      }
      if (s.status !== 'draft' && s.status !== 'submitted') {
        await appendStoryEvents(tx, [
          {
            storyId: story!.id,
            actorId: editor?.id ?? editor1.id,
            action: s.status === 'in_review' ? 'claim' : s.status === 'changes_requested' ? 'return' : s.status === 'rejected' ? 'reject' : s.status === 'scheduled' ? 'schedule' : 'publish',
            fromStatus: 'submitted',
            toStatus: s.status === 'unpublished' ? 'published' : s.status,
            note: s.status === 'unpublished' ? null : (s.note ?? null),
            meta: null,
            createdAt: publishedAt ?? new Date(submittedAt.getTime() + 3600_000),
          },
        ]);
      }
      if (s.status === 'unpublished') {
        await appendStoryEvents(tx, [{ storyId: story!.id, actorId: editor?.id ?? editor1.id, action: 'unpublish', fromStatus: 'published', toStatus: 'unpublished', note: s.note ?? null, meta: null }]);
      }
    }
    // A neutral word list to try the checks on (/admin/words).
    const [list] = await tx.insert(wordLists).values({ name: DEMO_CORRECTIONS_NAME, category: 'correction' }).returning({ id: wordLists.id });
    await tx.insert(wordEntries).values(DEMO_CORRECTIONS.map(([word, replacement]) => ({ listId: list!.id, word, replacement })));
  });
  return { seeded: true };
}

export function formatDemoAccounts(): string {
  const rows = demoAccounts.map((a) => `  ${a.username.padEnd(10)} ${DEMO_PASSWORD}   ${a.role.padEnd(13)} ${a.displayName}${a.unit ? ` (${a.unit})` : ''}`);
  return ['Demo accounts (username / password / role):', ...rows].join('\n');
}

export async function isDemoSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).limit(1);
  return Boolean(row);
}
