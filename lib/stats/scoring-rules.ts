import { z } from 'zod';

// 积分: how many points an adopted story earns. Pure; the rules themselves
// are stored by lib/stats/scoring.ts.
//
// points = pointsPerStory × the column's weight (1 unless set)
//        + headlineBonus when the editor made it the home page's 头条,
// split equally among the story's credited correspondents (its owner and
// any co-credited ones).

const points = z.coerce.number().min(0, 'scoring_negative').max(1000, 'scoring_too_big');

export const scoringRulesSchema = z.object({
  pointsPerStory: points.default(10),
  headlineBonus: points.default(5),
  // Column id → weight; a column not listed weighs 1.
  columnWeights: z.record(z.string().regex(/^\d{1,10}$/), z.coerce.number().min(0, 'scoring_negative').max(100, 'scoring_too_big')).default({}),
});

export type ScoringRules = z.infer<typeof scoringRulesSchema>;

export function defaultScoringRules(): ScoringRules {
  return scoringRulesSchema.parse({});
}

export function columnWeight(rules: ScoringRules, columnId: number | null): number {
  if (columnId === null) return 1;
  return rules.columnWeights[String(columnId)] ?? 1;
}

export function storyPoints(rules: ScoringRules, story: { columnId: number | null; isHeadline: boolean }): number {
  return rules.pointsPerStory * columnWeight(rules, story.columnId) + (story.isHeadline ? rules.headlineBonus : 0);
}

// One correspondent's share of a story with `credited` correspondents.
export function pointsShare(points: number, credited: number): number {
  return points / Math.max(1, credited);
}

// Points as shown and exported: two decimals at most (a three-way split of
// 10 is 3.33), so a table's total may differ from its rows' sum by a cent.
export function roundPoints(value: number): number {
  return Math.round(value * 100) / 100;
}
