import 'server-only';
import { eq } from 'drizzle-orm';
import { siteSettings } from '@/db/schema';
import { getDb, type Db, type Tx } from '@/db/client';
import { actorIdOf, auditActor } from '../actors';
import { recordAudit } from '../audit';
import { fieldErrorsFrom, issueField, validationError } from '../errors';
import { requirePermission, type Viewer } from '../viewer';
import { defaultScoringRules, scoringRulesSchema, type ScoringRules } from './scoring-rules';

// The administrator's scoring rules (积分规则), one row of site_settings
// under this key. Statistics apply the rules in force when they are read, so
// the same stories and the same rules always give the same points.
const KEY = 'scoring';

export async function readScoringRules(db: Db | Tx): Promise<ScoringRules> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, KEY)).limit(1);
  const parsed = scoringRulesSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : defaultScoringRules();
}

// Whoever reads statistics may see how points are counted.
export async function getScoringRules(viewer: Viewer): Promise<ScoringRules> {
  requirePermission(viewer, 'stats:read');
  return readScoringRules(await getDb());
}

export async function updateScoringRules(viewer: Viewer, input: unknown): Promise<ScoringRules> {
  requirePermission(viewer, 'scoring:manage');
  const parsed = scoringRulesSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError(
      fieldErrorsFrom(parsed.error, (issue) => [
        // columnWeights.<id> → weight-<id>, the form's field name.
        issue.path[0] === 'columnWeights' && issue.path[1] !== undefined ? `weight-${String(issue.path[1])}` : issueField(issue),
        issue.code === 'invalid_type' ? 'scoring_number' : issue.message,
      ]),
    );
  }
  // Weight 1 is the default: keep only the columns that differ.
  const rules: ScoringRules = {
    ...parsed.data,
    columnWeights: Object.fromEntries(Object.entries(parsed.data.columnWeights).filter(([, weight]) => weight !== 1)),
  };
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await readScoringRules(tx);
    await tx
      .insert(siteSettings)
      .values({ key: KEY, value: rules, updatedById: actorIdOf(viewer) })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value: rules, updatedById: actorIdOf(viewer), updatedAt: new Date() } });
    await recordAudit(tx, { ...auditActor(viewer), action: 'scoring.update', targetType: 'settings', targetId: KEY, meta: { before, after: rules } });
  });
  return rules;
}
