import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { receiptCounters, siteColumns, stories, storyRevisions, users, type StoryStatus } from '@/db/schema';
import type { Db, Tx } from '@/db/client';
import { appendStoryEvents, type NewStoryEvent } from '../audit-chain/internal/append';
import { formatReceiptNo } from '../content/receipt';
import { currentFlowVersionFor } from '../review-flows';
import { seededFlowPosition } from '../review-flows/stages';

// A newsroom's worth of stories on top of the demo: a believable queue, an
// archive, and numbers for the statistics. Titles and bodies are stitched
// from phrases, deterministic for a given count, so screenshots and
// benchmarks are repeatable.

const places = ['黔江区', '渝中区', '江北区', '沙坪坝区', '九龙坡区', '南岸区', '北碚区', '万州区', '涪陵区', '石柱县', '秀山县', '酉阳县', '彭水县', '武隆区'];
const bodies = ['司法局', '人民法院', '人民检察院', '公安分局', '律师协会', '公证处', '法律援助中心', '人民调解委员会'];
const acts = [
  '开展“法律进社区”普法宣传活动',
  '召开矛盾纠纷排查化解工作推进会',
  '举办青年干警业务技能培训班',
  '深入开展涉企执法检查',
  '启动冬季平安守护专项行动',
  '推进诉源治理工作取得新成效',
  '组织开展民法典主题宣讲',
  '召开律师执业权利保障座谈会',
  '举办新时代“枫桥经验”交流会',
  '开展防范电信网络诈骗宣传',
  '完成年度法律援助案件质量评查',
  '召开社区矫正工作联席会议',
];
const sentences = [
  '活动现场，工作人员向群众发放宣传资料，并就群众关心的婚姻家庭、劳动争议、邻里纠纷等问题进行了耐心细致的解答。',
  '会议要求，各单位要进一步提高政治站位，压实工作责任，确保各项工作任务落地见效。',
  '据统计，今年以来共排查各类矛盾纠纷三百余件，调解成功率达百分之九十五以上。',
  '参训人员纷纷表示，此次培训内容丰富、针对性强，对今后做好本职工作很有帮助。',
  '下一步，将继续坚持和发展新时代“枫桥经验”，把矛盾纠纷化解在基层、解决在萌芽状态。',
  '座谈中，与会代表围绕优化法治化营商环境、规范执法行为等方面畅所欲言，提出了意见建议。',
  '此次行动共出动执法人员一百二十余人次，检查重点场所四十余处，现场整改问题十五个。',
  '群众代表表示，通过这样面对面的交流，既学到了法律知识，也增强了依法维权的意识。',
];

// Rough shares of a working newsroom's stories by state.
const statusMix: readonly [StoryStatus, number][] = [
  ['submitted', 0.22],
  ['in_review', 0.08],
  ['changes_requested', 0.05],
  ['rejected', 0.05],
  ['scheduled', 0.02],
  ['unpublished', 0.02],
  ['published', 0.56],
];

// Takes n receipt numbers of a year at once: a bulk seed must not pay a round
// trip per story.
async function reserveReceiptNos(tx: Tx, year: number, n: number): Promise<string[]> {
  const [row] = await tx
    .insert(receiptCounters)
    .values({ year, lastValue: n })
    .onConflictDoUpdate({ target: receiptCounters.year, set: { lastValue: sql`${receiptCounters.lastValue} + ${n}` } })
    .returning({ last: receiptCounters.lastValue });
  return Array.from({ length: n }, (_, k) => formatReceiptNo(year, row!.last - n + 1 + k));
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

function statusFor(i: number, total: number): StoryStatus {
  // Spread states evenly through time instead of in blocks.
  const x = ((i * 0.6180339887) % 1 + 1) % 1;
  let acc = 0;
  for (const [status, share] of statusMix) {
    acc += share;
    if (x < acc) return status;
  }
  return total > 0 ? 'published' : 'submitted';
}

// A story's paragraphs: the lead and three sentences by default; with
// bodyChars, sentences in a rotating order (four to a paragraph) until the
// text is that long, as a full-length article is.
function bodyParagraphs(i: number, lead: string, bodyChars: number | undefined): string[] {
  if (!bodyChars) return [lead, pick(sentences, i), pick(sentences, i * 3 + 1), pick(sentences, i * 5 + 2)];
  const paragraphs = [lead];
  let length = lead.length;
  for (let k = 0; length < bodyChars; k++) {
    const paragraph = Array.from({ length: 4 }, (_, j) => pick(sentences, i + k * 3 + j * 5)).join('');
    paragraphs.push(paragraph);
    length += paragraph.length;
  }
  return paragraphs;
}

export type VolumeOptions = {
  stories: number;
  days?: number;
  chunk?: number;
  // Every story published (a public archive), instead of a newsroom's mix of states.
  publishedOnly?: boolean;
  // Body length in characters, about; by default a short four-paragraph story.
  bodyChars?: number;
};

export async function seedVolume(db: Db, options: VolumeOptions): Promise<{ created: number }> {
  const days = options.days ?? 90;
  const chunk = options.chunk ?? 500;
  const people = await db.select({ id: users.id, role: users.role, displayName: users.displayName, unitId: users.unitId }).from(users).where(inArray(users.role, ['correspondent', 'editor']));
  const correspondents = people.filter((p) => p.role === 'correspondent');
  const editors = people.filter((p) => p.role === 'editor');
  const columns = await db.select({ id: siteColumns.id }).from(siteColumns).where(eq(siteColumns.isActive, true));
  if (!correspondents.length || !editors.length || !columns.length) throw new Error('Seed the demo first: volume stories need correspondents, editors and columns.');
  const now = Date.now();
  const flow = await currentFlowVersionFor(db, null);
  let created = 0;
  for (let start = 0; start < options.stories; start += chunk) {
    const n = Math.min(chunk, options.stories - start);
    await db.transaction(async (tx) => {
      const rows = [];
      for (let k = 0; k < n; k++) {
        const i = start + k;
        const status = options.publishedOnly ? 'published' : statusFor(i, options.stories);
        const owner = pick(correspondents, i * 7 + 3);
        const editor = pick(editors, i);
        // Oldest first, so receipt numbers rise with time.
        const submittedAt = new Date(now - ((options.stories - i) / options.stories) * days * 86400_000 - 3600_000);
        const lead = `本网讯（通讯员 ${owner.displayName}）${pick(places, i)}${pick(bodies, i * 3)}近日${pick(acts, i * 5)}。`;
        const paragraphs = bodyParagraphs(i, lead, options.bodyChars);
        const decided = status !== 'submitted';
        const decidedAt = new Date(Math.min(submittedAt.getTime() + (2 + (i % 20)) * 3600_000, now - 60_000));
        const isOut = status === 'published' || status === 'unpublished';
        rows.push({
          receiptNo: '',
          status,
          ownerId: owner.id,
          unitId: owner.unitId,
          columnId: pick(columns, i).id,
          title: `${pick(places, i)}${pick(bodies, i * 3)}${pick(acts, i * 5)}`,
          byline: `通讯员 ${owner.displayName}`,
          source: isOut ? '重庆长安网' : '',
          bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join(''),
          bodyText: paragraphs.join('\n'),
          assigneeId: status === 'in_review' || decided ? editor.id : null,
          ...seededFlowPosition(status, flow.id),
          returnedById: status === 'changes_requested' ? editor.id : null,
          claimedAt: status === 'in_review' ? decidedAt : null,
          firstSubmittedAt: submittedAt,
          submittedAt,
          lastNote: status === 'changes_requested' ? '请补充活动的具体时间和参与人数。' : status === 'rejected' ? '内容与已发稿件重复。' : null,
          publishAt: status === 'scheduled' ? new Date(now + (1 + (i % 5)) * 86400_000) : null,
          publishedAt: isOut ? decidedAt : null,
          firstPublishedAt: isOut ? decidedAt : null,
          publishedById: isOut ? editor.id : null,
          editorName: isOut || status === 'scheduled' ? editor.displayName : '',
          signerName: isOut || status === 'scheduled' ? editor.displayName : '',
          viewCount: isOut ? 50 + ((i * 7919) % 5000) : 0,
          createdAt: submittedAt,
          updatedAt: decided ? decidedAt : submittedAt,
        });
      }
      // Receipt numbers in filing order, a block per year.
      const years = [...new Set(rows.map((r) => r.submittedAt.getFullYear()))];
      for (const year of years) {
        const ofYear = rows.filter((r) => r.submittedAt.getFullYear() === year);
        const numbers = await reserveReceiptNos(tx, year, ofYear.length);
        ofYear.forEach((r, k) => (r.receiptNo = numbers[k]!));
      }
      const inserted = await tx.insert(stories).values(rows).returning({ id: stories.id, ownerId: stories.ownerId, status: stories.status, submittedAt: stories.submittedAt, updatedAt: stories.updatedAt, assigneeId: stories.assigneeId, title: stories.title, bodyHtml: stories.bodyHtml, bodyText: stories.bodyText });
      await tx.insert(storyRevisions).values(inserted.map((s) => ({ storyId: s.id, storyVersion: 1, kind: 'submit' as const, authorId: s.ownerId, title: s.title, bodyHtml: s.bodyHtml, bodyText: s.bodyText, createdAt: s.submittedAt! })));
      const events = inserted.flatMap((s): NewStoryEvent[] => {
        const timeline = { note: null, meta: null };
        const submit = { ...timeline, storyId: s.id, actorId: s.ownerId, action: 'submit', fromStatus: 'draft' as const, toStatus: 'submitted' as const, createdAt: s.submittedAt! };
        if (s.status === 'submitted') return [submit];
        const claim = { ...timeline, storyId: s.id, actorId: s.assigneeId, action: 'claim', fromStatus: 'submitted' as const, toStatus: 'in_review' as const, createdAt: new Date(s.submittedAt!.getTime() + 1800_000) };
        if (s.status === 'in_review') return [submit, claim];
        const outcome = { changes_requested: 'return', rejected: 'reject', scheduled: 'schedule', published: 'publish', unpublished: 'publish' }[s.status as string] ?? 'publish';
        const decided = { ...timeline, storyId: s.id, actorId: s.assigneeId, action: outcome, fromStatus: 'in_review' as const, toStatus: (s.status === 'unpublished' ? 'published' : s.status) as StoryStatus, createdAt: s.updatedAt };
        const tail = s.status === 'unpublished' ? [{ ...timeline, storyId: s.id, actorId: s.assigneeId, action: 'unpublish', fromStatus: 'published' as const, toStatus: 'unpublished' as const, createdAt: new Date(Math.min(s.updatedAt.getTime() + 86400_000, now)) }] : [];
        return [submit, claim, decided, ...tail];
      });
      await appendStoryEvents(tx, events);
      created += inserted.length;
    });
  }
  return { created };
}
