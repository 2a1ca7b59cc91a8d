import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { units, users } from '@/db/schema';
import { getDb, queryRows, type Db } from '@/db/client';
import { AppError } from '../errors';
import { getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { yearRange } from './range';
import { instant } from './sql';
import { readScoringRules } from './scoring';
import { roundPoints, storyPoints, type ScoringRules } from './scoring-rules';
import { isPublishedRow } from '../published';

// The printable annual report (年度采用报告): every story of one
// correspondent or one unit adopted in a calendar year, with its date,
// column, read count and the points it earned them.

export type ReportSubject = { kind: 'correspondent' | 'unit'; id: number };

export type ReportStory = {
  id: number;
  receiptNo: string | null;
  title: string;
  columnName: string | null;
  publishedAt: Date;
  views: number;
  isHeadline: boolean;
  // Filed by the subject (the correspondent, or someone of the unit), not
  // only co-credited.
  owned: boolean;
  credited: number;
  points: number;
};

export type AnnualReport = {
  subject: ReportSubject & { name: string; unitName: string | null };
  year: number;
  timeZone: string;
  stories: ReportStory[];
  totals: { stories: number; views: number; points: number };
};

type Row = {
  id: number;
  receipt_no: string | null;
  title: string;
  column_id: number | null;
  column_name: string | null;
  published_at: Date | string;
  views: number;
  is_headline: boolean;
  owned: boolean;
  credited: number;
  // How many of the credited shares belong to the subject: one for a
  // correspondent; for a unit, each of its people on the byline.
  shares: number;
};

// Every story adopted in the range that credits the subject, with the points
// it earned them. No permission check: the callers make theirs.
export async function listAdoptedStories(db: Db, subject: ReportSubject, range: { start: Date; end: Date }, rules: ScoringRules): Promise<ReportStory[]> {
  const shares =
    subject.kind === 'correspondent'
      ? sql`(case when s.owner_id = ${subject.id} then 1 else 0 end) + (select count(*) from story_credits c where c.story_id = s.id and c.user_id = ${subject.id})`
      : sql`(case when s.unit_id = ${subject.id} then 1 else 0 end) + (select count(*) from story_credits c where c.story_id = s.id and c.unit_id = ${subject.id})`;
  const owner = subject.kind === 'correspondent' ? sql`s.owner_id = ${subject.id}` : sql`s.unit_id = ${subject.id}`;
  const rows = await queryRows<Row>(
    db,
    sql`select * from (
        select s.id, s.receipt_no, s.title, s.column_id, col.name as column_name, s.first_published_at as published_at,
          s.view_count::float8 as views, s.is_headline, ${owner} as owned,
          (1 + (select count(*) from story_credits c where c.story_id = s.id))::int as credited,
          (${shares})::int as shares
        from stories s left join site_columns col on col.id = s.column_id
        where ${isPublishedRow('s')} and s.first_published_at >= ${instant(range.start)} and s.first_published_at < ${instant(range.end)}
      ) r where shares > 0
      order by published_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    receiptNo: r.receipt_no,
    title: r.title,
    columnName: r.column_name,
    publishedAt: new Date(r.published_at),
    views: Number(r.views),
    isHeadline: r.is_headline,
    owned: r.owned,
    credited: r.credited,
    points: roundPoints((storyPoints(rules, { columnId: r.column_id, isHeadline: r.is_headline }) * r.shares) / r.credited),
  }));
}

export async function getAnnualReport(viewer: Viewer, subject: ReportSubject, year: number): Promise<AnnualReport> {
  requirePermission(viewer, 'stats:read');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('not_found');
  const db = await getDb();
  const { site } = await getSiteSettings();
  const rules = await readScoringRules(db);
  let name: string;
  let unitName: string | null = null;
  if (subject.kind === 'correspondent') {
    const [person] = await db
      .select({ name: users.displayName, unitName: units.name })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(eq(users.id, subject.id))
      .limit(1);
    if (!person) throw new AppError('not_found');
    name = person.name;
    unitName = person.unitName;
  } else {
    const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, subject.id)).limit(1);
    if (!unit) throw new AppError('not_found');
    name = unit.name;
  }
  const stories = await listAdoptedStories(db, subject, yearRange(year, site.timeZone), rules);
  return {
    subject: { ...subject, name, unitName },
    year,
    timeZone: site.timeZone,
    stories,
    totals: {
      stories: stories.length,
      views: stories.reduce((sum, s) => sum + s.views, 0),
      points: roundPoints(stories.reduce((sum, s) => sum + s.points, 0)),
    },
  };
}
