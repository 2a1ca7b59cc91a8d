import 'server-only';
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { siteColumns, stageDecisions, stories, storyEvents, units, users, type StageDecisionKind, type StoryStatus } from '@/db/schema';
import { getDb } from '@/db/client';
import { pick } from '@/db/select';
import { auditActor } from './actors';
import { articlePath } from './article-path';
import { recordAudit } from './audit';
import { AppError, validationError } from './errors';
import { formatDateTime } from './format';
import { getFlowVersion, type FlowVersion } from './review-flows';
import { seoSite, absoluteUrl } from './seo';
import { getSiteSettings, type SiteSettings } from './settings';
import type { ExportColumn, ExportSheet } from './stats/export';
import { resolveRange } from './stats/range';
import { assertVisible, type VisibleStory } from './stories/access';
import { visibleTo } from './stories/internal/scope';
import { typedValue } from './text-input';
import { requirePermission, type Viewer } from './viewer';

// The 稿件审查单: what the paper review sheet of a Chinese newsroom records
// about one story — its particulars, the 保密审查 before it was sent, each
// stage's opinion, reviewer and time, who signed it off and where it was
// published — read for the review desk, one story (the printable sheet) or
// a period (the spreadsheet). Opinions are internal: the desk only.

export type SheetDecision = {
  id: number;
  kind: StageDecisionKind;
  stageName: string;
  opinion: string;
  // Who took it; when recordedForName is set, who recorded it (代录) in
  // that person's name.
  actorName: string;
  recordedForName: string | null;
  createdAt: Date;
  storyVersion: number;
  // The title, subtitle, summary or body changed after this decision.
  textChangedSince: boolean;
};

export type SheetStage = { index: number; name: string; isSignOff: boolean; isUnit: boolean; decisions: SheetDecision[] };

export type ReviewSheet = {
  siteName: string;
  storyId: number;
  version: number;
  status: StoryStatus;
  receiptNo: string | null;
  title: string;
  subtitle: string;
  columnName: string | null;
  unitName: string | null;
  byline: string;
  ownerName: string;
  // 字数 as the statistics count it (characters of the body text), and the
  // images of the body plus a cover not already in it.
  characters: number;
  images: number;
  origin: 'original' | 'reprint';
  source: string;
  secrecy: {
    confirmedAt: Date | null;
    // 审核领导 as typed at submit, or as an editor recorded it (代录).
    leaderName: string;
    recordedBy: { name: string; note: string } | null;
    // Where the unit approved in the portal (单位审核 stage), that approval
    // stands in for the typed name.
    unitApproval: { name: string; at: Date } | null;
  };
  flowName: string | null;
  stages: SheetStage[];
  // Decisions taken under an earlier flow version (a flow restarted).
  earlier: SheetDecision[];
  signer: { name: string; recordedBy: string | null; at: Date | null } | null;
  publishedAt: Date | null;
  // When it waits to go out at a time (scheduled).
  publishAt: Date | null;
  // The public article's address while published; path-only without the
  // site's public address.
  publicUrl: string | null;
  // The story's review page, for the QR code; path-only likewise.
  reviewUrl: string;
  // Signed off despite forbidden words (lib/content-check): who, when, why.
  wordOverrides: WordOverride[];
};

export type WordOverride = { name: string; at: Date; reason: string; words: string[] };

type OverrideRow = WordOverride & { storyId: number };

async function readWordOverrides(storyIds: SQLWrapper | number[]): Promise<OverrideRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ storyId: storyEvents.storyId, name: users.displayName, at: storyEvents.createdAt, meta: storyEvents.meta })
    .from(storyEvents)
    .leftJoin(users, eq(users.id, storyEvents.actorId))
    .where(and(eq(storyEvents.action, 'word_override'), inArray(storyEvents.storyId, storyIds)))
    .orderBy(asc(storyEvents.id));
  return rows.map(({ meta, name, ...r }) => {
    const m = (meta ?? {}) as { reason?: unknown; words?: unknown };
    return { ...r, name: name ?? '', reason: typeof m.reason === 'string' ? m.reason : '', words: Array.isArray(m.words) ? m.words.map(String) : [] };
  });
}

const owner = alias(users, 'sheet_owner');
const recorder = alias(users, 'sheet_recorder');
const publisher = alias(users, 'sheet_publisher');

// One select for both the sheet and the export, so they count alike. The
// text hash is the one stage decisions keep (sha256 of title, subtitle,
// summary and body text joined by a line break), made here so the text
// never leaves the database.
const sheetRow = {
  id: stories.id,
  version: stories.version,
  status: stories.status,
  receiptNo: stories.receiptNo,
  publicId: stories.publicId,
  title: stories.title,
  subtitle: stories.subtitle,
  byline: stories.byline,
  source: stories.source,
  columnName: siteColumns.name,
  unitName: units.name,
  ownerName: owner.displayName,
  characters: sql<number>`char_length(${stories.bodyText})`.mapWith(Number),
  // The sanitizer writes every image as a lower-case <img> tag.
  images: sql<number>`(char_length(${stories.bodyHtml}) - char_length(replace(${stories.bodyHtml}, '<img', ''))) / 4
    + case when ${stories.coverMediaId} is not null and position('/media/' || ${stories.coverMediaId} || '/' in ${stories.bodyHtml}) = 0 then 1 else 0 end`.mapWith(Number),
  textHash: sql<string>`encode(sha256(convert_to(concat_ws(E'\n', ${stories.title}, ${stories.subtitle}, ${stories.summary}, ${stories.bodyText}), 'UTF8')), 'hex')`,
  flowVersionId: stories.flowVersionId,
  secrecyConfirmedAt: stories.secrecyConfirmedAt,
  unitLeaderName: stories.unitLeaderName,
  unitLeaderNote: stories.unitLeaderNote,
  recorderName: recorder.displayName,
  publisherName: publisher.displayName,
  publishedAt: stories.publishedAt,
  publishAt: stories.publishAt,
  firstSubmittedAt: stories.firstSubmittedAt,
};

async function readSheetRows(where: SQL, limit: number) {
  const db = await getDb();
  return db
    .select(sheetRow)
    .from(stories)
    .innerJoin(owner, eq(owner.id, stories.ownerId))
    .leftJoin(siteColumns, eq(siteColumns.id, stories.columnId))
    .leftJoin(units, eq(units.id, stories.unitId))
    .leftJoin(recorder, eq(recorder.id, stories.unitLeaderRecordedById))
    .leftJoin(publisher, eq(publisher.id, stories.publishedById))
    .where(where)
    .orderBy(asc(stories.firstSubmittedAt), asc(stories.id))
    .limit(limit);
}

type SheetRow = Awaited<ReturnType<typeof readSheetRows>>[number];

type DecisionRow = Omit<SheetDecision, 'textChangedSince'> & { storyId: number; flowVersionId: number; stage: number; textHash: string };

async function readDecisions(storyIds: SQLWrapper | number[]): Promise<DecisionRow[]> {
  const db = await getDb();
  return db
    .select({
      ...pick(stageDecisions, 'id', 'storyId', 'flowVersionId', 'stage', 'stageName', 'opinion', 'recordedForName', 'storyVersion', 'textHash', 'createdAt'),
      kind: stageDecisions.decision,
      actorName: users.displayName,
    })
    .from(stageDecisions)
    .innerJoin(users, eq(users.id, stageDecisions.actorId))
    .where(inArray(stageDecisions.storyId, storyIds))
    .orderBy(asc(stageDecisions.storyId), asc(stageDecisions.id));
}

function originOf(source: string, site: SiteSettings['site']): 'original' | 'reprint' {
  const own = [site.name, site.defaultSource].filter(Boolean);
  return !source.trim() || own.includes(source.trim()) ? 'original' : 'reprint';
}

function assemble(row: SheetRow, rows: DecisionRow[], flow: FlowVersion | null, site: SiteSettings['site'], overrides: OverrideRow[]): ReviewSheet {
  const decisions = rows.map(({ textHash, storyId: _storyId, ...d }) => ({ ...d, textChangedSince: textHash !== row.textHash }));
  const toSheet = ({ flowVersionId: _f, stage: _s, ...d }: (typeof decisions)[number]): SheetDecision => d;
  const inFlow = (d: (typeof decisions)[number]) => flow !== null && d.flowVersionId === flow.id;
  const stages: SheetStage[] = (flow?.stages ?? []).map((stage, index, all) => ({
    index,
    name: stage.name,
    isSignOff: index === all.length - 1,
    isUnit: stage.holders === 'unit',
    decisions: decisions.filter((d) => inFlow(d) && d.stage === index).map(toSheet),
  }));
  const signOff = decisions.findLast((d) => d.kind === 'sign_off');
  // Stories published before review stages existed have no sign-off row:
  // whoever published them signed them off.
  const signer = signOff
    ? { name: signOff.recordedForName ?? signOff.actorName, recordedBy: signOff.recordedForName ? signOff.actorName : null, at: signOff.createdAt }
    : row.publisherName
      ? { name: row.publisherName, recordedBy: null, at: null }
      : null;
  const unitApproval = stages.find((s) => s.isUnit)?.decisions.findLast((d) => d.kind === 'approve');
  const publicSite = seoSite(site);
  return {
    siteName: site.name,
    storyId: row.id,
    version: row.version,
    status: row.status,
    receiptNo: row.receiptNo,
    title: row.title,
    subtitle: row.subtitle,
    columnName: row.columnName,
    unitName: row.unitName,
    byline: row.byline,
    ownerName: row.ownerName,
    characters: row.characters,
    images: row.images,
    origin: originOf(row.source, site),
    source: row.source.trim(),
    secrecy: {
      confirmedAt: row.secrecyConfirmedAt,
      leaderName: row.unitLeaderName,
      recordedBy: row.recorderName ? { name: row.recorderName, note: row.unitLeaderNote } : null,
      unitApproval: unitApproval ? { name: unitApproval.recordedForName ?? unitApproval.actorName, at: unitApproval.createdAt } : null,
    },
    flowName: flow?.flowName ?? null,
    stages,
    earlier: decisions.filter((d) => !inFlow(d)).map(toSheet),
    signer,
    publishedAt: row.status === 'published' || row.status === 'unpublished' ? row.publishedAt : null,
    publishAt: row.status === 'scheduled' ? row.publishAt : null,
    publicUrl: row.status === 'published' ? absoluteUrl(publicSite, articlePath(row)) : null,
    reviewUrl: absoluteUrl(publicSite, `/review/${row.id}`),
    wordOverrides: overrides.map(({ storyId: _storyId, ...o }) => o),
  };
}

async function flowsOf(rows: readonly SheetRow[]): Promise<Map<number, FlowVersion>> {
  const db = await getDb();
  const ids = [...new Set(rows.map((r) => r.flowVersionId).filter((id): id is number => id !== null))];
  return new Map(await Promise.all(ids.map(async (id) => [id, await getFlowVersion(db, id)] as const)));
}

// The review desk, for a story it may see (any state after the first
// submit). Never the correspondent or a unit approver: the opinions are the
// desk's own.
export async function getReviewSheet(viewer: Viewer, handle: VisibleStory): Promise<ReviewSheet> {
  requirePermission(viewer, 'review:use');
  assertVisible(viewer, handle);
  const [{ site }, [row], decisions, overrides] = await Promise.all([
    getSiteSettings(),
    readSheetRows(and(eq(stories.id, handle.id), visibleTo(viewer))!, 1),
    readDecisions([handle.id]),
    readWordOverrides([handle.id]),
  ]);
  // Withdrawn to a draft since the handle was read.
  if (!row) throw new AppError('not_found');
  const flows = await flowsOf([row]);
  return assemble(row, decisions, row.flowVersionId === null ? null : flows.get(row.flowVersionId)!, site, overrides);
}

// A spreadsheet holds far more, but a period this full is better cut in two
// than written for minutes; it is refused with a message, never cut short.
export const REVIEW_SHEET_EXPORT_MAX = 5000;

export type ReviewSheetExport = { from: string; to: string; timeZone: string; sheets: ReviewSheet[]; maxStages: number };

// The review desk: one sheet per story it may see that was filed or first
// published in the period (whole days in the site's zone, as on /stats).
// Recorded in the audit trail as data leaving the site.
export async function exportReviewSheets(viewer: Viewer, input: { from?: unknown; to?: unknown }): Promise<ReviewSheetExport> {
  requirePermission(viewer, 'review:use');
  const { site } = await getSiteSettings();
  const { range, error } = resolveRange({ range: 'custom', from: typedValue(input.from).trim(), to: typedValue(input.to).trim() }, site.timeZone);
  if (error) throw validationError({ form: error }, `review sheet export ${String(input.from).slice(0, 20)}..${String(input.to).slice(0, 20)}`);
  const inPeriod = (column: typeof stories.firstSubmittedAt | typeof stories.firstPublishedAt) => and(gte(column, range.start), lt(column, range.end));
  const where = and(visibleTo(viewer), or(inPeriod(stories.firstSubmittedAt), inPeriod(stories.firstPublishedAt)))!;
  const rows = await readSheetRows(where, REVIEW_SHEET_EXPORT_MAX + 1);
  if (rows.length > REVIEW_SHEET_EXPORT_MAX) throw validationError({ form: 'too_many_rows' }, `review sheet export: over ${REVIEW_SHEET_EXPORT_MAX} stories`);
  const ids = rows.map((r) => r.id);
  const [decisions, flows, overrides] = await Promise.all([
    rows.length ? readDecisions((await getDb()).select({ id: stories.id }).from(stories).where(where)) : [],
    flowsOf(rows),
    rows.length ? readWordOverrides(ids) : [],
  ]);
  const byStory = Map.groupBy(decisions, (d) => d.storyId);
  const overridesOf = Map.groupBy(overrides, (o) => o.storyId);
  const sheets = rows.map((row) => assemble(row, byStory.get(row.id) ?? [], row.flowVersionId === null ? null : flows.get(row.flowVersionId)!, site, overridesOf.get(row.id) ?? []));
  const maxStages = Math.max(0, ...sheets.map((s) => s.stages.length));
  await recordAudit(await getDb(), { ...auditActor(viewer), action: 'review.sheet_export', meta: { from: range.fromDate, to: range.toDate, format: 'xlsx', rows: sheets.length } });
  return { from: range.fromDate, to: range.toDate, timeZone: site.timeZone, sheets, maxStages };
}

export type SheetLabel = (key: string, values?: Record<string, string | number>) => string;

export type ReviewSheetExportRow = Record<string, string | number | null>;

function reviewerOf(d: SheetDecision, label: SheetLabel): string {
  return d.recordedForName ? label('recordedFor', { name: d.recordedForName, recorder: d.actorName }) : d.actorName;
}

// One line per decision, in order: its kind where it is not a plain
// approval, the opinion, and a mark when the text changed after it.
function opinionOf(d: SheetDecision, label: SheetLabel): string {
  const kind = d.kind === 'approve' ? '' : `[${label(`decisions.${d.kind}`)}] `;
  const changed = d.textChangedSince ? ` (${label('textChangedSince')})` : '';
  return `${kind}${d.opinion}${changed}`.trim();
}

// Pure: the export as a spreadsheet, one row per story, each stage of its
// flow in the columns of its position; `label` gives the words (the
// route's translations, under review.sheet.export).
export function reviewSheetTable(exported: ReviewSheetExport, label: SheetLabel): ExportSheet<ReviewSheetExportRow> {
  const time = (date: Date | null) => (date ? formatDateTime(date, exported.timeZone) : '');
  const text = (key: string, width = 16): ExportColumn<ReviewSheetExportRow> => ({ key, header: label(`columns.${key}`), kind: 'text', width });
  const count = (key: string): ExportColumn<ReviewSheetExportRow> => ({ key, header: label(`columns.${key}`), kind: 'count', width: 8 });
  const positions = Array.from({ length: exported.maxStages }, (_, i) => i + 1);
  const columns: ExportColumn<ReviewSheetExportRow>[] = [
    text('receiptNo', 14),
    text('title', 36),
    text('columnName'),
    text('unitName', 20),
    text('byline'),
    text('ownerName', 12),
    count('characters'),
    count('images'),
    text('origin', 8),
    text('source'),
    text('secrecyConfirmedAt', 17),
    text('leaderName', 12),
    text('leaderRecordedBy', 12),
    text('leaderNote', 24),
    ...positions.flatMap((n) => [
      { key: `stage${n}Name`, header: label('columns.stageName', { n }), kind: 'text' as const, width: 10 },
      { key: `stage${n}Opinion`, header: label('columns.stageOpinion', { n }), kind: 'text' as const, width: 32 },
      { key: `stage${n}Reviewer`, header: label('columns.stageReviewer', { n }), kind: 'text' as const, width: 14 },
      { key: `stage${n}Time`, header: label('columns.stageTime', { n }), kind: 'text' as const, width: 17 },
    ]),
    text('signer', 14),
    text('wordOverride', 32),
    text('publishedAt', 17),
    text('url', 40),
  ];
  const rows = exported.sheets.map((sheet): ReviewSheetExportRow => {
    const row: ReviewSheetExportRow = {
      receiptNo: sheet.receiptNo,
      title: sheet.title,
      columnName: sheet.columnName,
      unitName: sheet.unitName,
      byline: sheet.byline,
      ownerName: sheet.ownerName,
      characters: sheet.characters,
      images: sheet.images,
      origin: label(`origin.${sheet.origin}`),
      source: sheet.source,
      secrecyConfirmedAt: time(sheet.secrecy.confirmedAt),
      leaderName: sheet.secrecy.unitApproval?.name ?? sheet.secrecy.leaderName,
      leaderRecordedBy: sheet.secrecy.recordedBy?.name ?? '',
      leaderNote: sheet.secrecy.recordedBy?.note ?? '',
      signer: sheet.signer ? (sheet.signer.recordedBy ? label('recordedFor', { name: sheet.signer.name, recorder: sheet.signer.recordedBy }) : sheet.signer.name) : '',
      wordOverride: sheet.wordOverrides.map((o) => label('wordOverride', { name: o.name, time: time(o.at), words: o.words.join('、'), reason: o.reason })).join('\n'),
      publishedAt: time(sheet.publishedAt ?? sheet.publishAt),
      url: sheet.publicUrl ?? '',
    };
    for (const stage of sheet.stages) {
      const n = stage.index + 1;
      row[`stage${n}Name`] = stage.name;
      row[`stage${n}Opinion`] = stage.decisions.map((d) => opinionOf(d, label)).join('\n');
      row[`stage${n}Reviewer`] = stage.decisions.map((d) => reviewerOf(d, label)).join('\n');
      row[`stage${n}Time`] = stage.decisions.map((d) => time(d.createdAt)).join('\n');
    }
    return row;
  });
  return { title: label('sheetTitle'), columns, rows };
}
