import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import { currentYear, yearRange } from './range';
import { listAdoptedStories } from './reports';
import { readScoringRules } from './scoring';
import { roundPoints } from './scoring-rules';
import { instant } from './sql';

// A correspondent's own figures for the year on their desk: what they filed,
// what was adopted, the points they earned (their share of co-credited
// stories included) — their annual report's totals. Only ever their own: the
// queries are scoped to the viewer.
export type OwnFigures = { year: number; submitted: number; adopted: number; points: number };

export async function getOwnFigures(viewer: Viewer, now = new Date()): Promise<OwnFigures> {
  requirePermission(viewer, 'desk:use');
  const db = await getDb();
  const { site } = await getSiteSettings();
  const year = currentYear(site.timeZone, now);
  const range = yearRange(year, site.timeZone);
  const [[filed], adopted] = await Promise.all([
    queryRows<{ submitted: number }>(
      db,
      sql`select count(*)::int as submitted from stories s where s.owner_id = ${viewer.id} and s.first_submitted_at >= ${instant(range.start)} and s.first_submitted_at < ${instant(range.end)}`,
    ),
    listAdoptedStories(db, { kind: 'correspondent', id: viewer.id }, range, await readScoringRules(db)),
  ]);
  return {
    year,
    submitted: filed?.submitted ?? 0,
    adopted: adopted.filter((s) => s.owned).length,
    points: roundPoints(adopted.reduce((sum, s) => sum + s.points, 0)),
  };
}
