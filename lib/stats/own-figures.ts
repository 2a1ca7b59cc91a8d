import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { currentYear, yearRange } from './range';
import { instant } from './sql';
import { readScoringRules } from './scoring';
import { roundPoints, storyPoints } from './scoring-rules';

// A correspondent's own figures for the year on their desk: what they filed,
// what was adopted, the points they earned (their share of co-credited
// stories included). Only ever their own: the query is scoped to the viewer.
export type OwnFigures = { year: number; submitted: number; adopted: number; points: number };

export async function getOwnFigures(viewer: Viewer, now = new Date()): Promise<OwnFigures> {
  requirePermission(viewer, 'desk:use');
  const db = await getDb();
  const { site } = await getSiteSettings();
  const rules = await readScoringRules(db);
  const year = currentYear(site.timeZone, now);
  const { start, end } = yearRange(year, site.timeZone);
  const [filed] = await queryRows<{ submitted: number }>(
    db,
    sql`select count(*)::int as submitted from stories s where s.owner_id = ${viewer.id} and s.first_submitted_at >= ${instant(start)} and s.first_submitted_at < ${instant(end)}`,
  );
  const adopted = await queryRows<{ column_id: number | null; is_headline: boolean; credited: number; owner: boolean }>(
    db,
    sql`select s.column_id, s.is_headline, s.owner_id = ${viewer.id} as owner,
        (1 + (select count(*) from story_credits c where c.story_id = s.id))::int as credited
      from stories s
      where s.status = 'published' and s.first_published_at >= ${instant(start)} and s.first_published_at < ${instant(end)}
        and (s.owner_id = ${viewer.id} or exists (select 1 from story_credits c where c.story_id = s.id and c.user_id = ${viewer.id}))`,
  );
  const points = adopted.reduce((sum, s) => sum + storyPoints(rules, { columnId: s.column_id, isHeadline: s.is_headline }) / s.credited, 0);
  return { year, submitted: filed?.submitted ?? 0, adopted: adopted.filter((s) => s.owner).length, points: roundPoints(points) };
}
