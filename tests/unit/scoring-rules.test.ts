import { describe, expect, test } from 'vitest';
import { columnWeight, defaultScoringRules, pointsShare, roundPoints, scoringRulesSchema, storyPoints } from '@/lib/stats/scoring-rules';

const rules = scoringRulesSchema.parse({ pointsPerStory: 10, headlineBonus: 5, columnWeights: { '7': 2, '8': 0.5 } });

describe('scoring rules', () => {
  test('points per story times the column’s weight, plus the headline bonus', () => {
    expect(storyPoints(rules, { columnId: 7, isHeadline: false })).toBe(20);
    expect(storyPoints(rules, { columnId: 7, isHeadline: true })).toBe(25);
    expect(storyPoints(rules, { columnId: 8, isHeadline: false })).toBe(5);
  });

  test('a column without a weight, or no column, weighs 1', () => {
    expect(columnWeight(rules, 99)).toBe(1);
    expect(columnWeight(rules, null)).toBe(1);
    expect(storyPoints(rules, { columnId: null, isHeadline: false })).toBe(10);
  });

  test('shared bylines split equally', () => {
    expect(pointsShare(25, 2)).toBe(12.5);
    expect(roundPoints(pointsShare(20, 3))).toBe(6.67);
    expect(pointsShare(10, 0)).toBe(10);
  });

  test('defaults: 10 points a story, 5 for the headline, every column 1', () => {
    expect(defaultScoringRules()).toEqual({ pointsPerStory: 10, headlineBonus: 5, columnWeights: {} });
  });

  test('form values are numbers within bounds', () => {
    expect(scoringRulesSchema.parse({ pointsPerStory: '12.5', headlineBonus: '0', columnWeights: { '3': '1.5' } })).toEqual({ pointsPerStory: 12.5, headlineBonus: 0, columnWeights: { '3': 1.5 } });
    expect(scoringRulesSchema.safeParse({ pointsPerStory: -1 }).success).toBe(false);
    expect(scoringRulesSchema.safeParse({ pointsPerStory: 1001 }).success).toBe(false);
    expect(scoringRulesSchema.safeParse({ columnWeights: { abc: 1 } }).success).toBe(false);
    expect(scoringRulesSchema.safeParse({ columnWeights: { '3': 101 } }).success).toBe(false);
  });
});
