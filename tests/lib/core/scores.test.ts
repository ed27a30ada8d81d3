import { describe, expect, it } from 'vitest';
import { lacksScore, SCORE_RANK_LABELS, scoredWithoutScore, scoreValueOfRank } from '../../../src/lib/core/scores.ts';

const row = (mappingType: string, scoreCategory: string | null, scoreValue: string | null) => ({ mappingType, scoreCategory, scoreValue });

describe('rows without a score', () => {
  it('are rows of a scored type that lack their category or value', () => {
    expect(lacksScore(row('technique_scores', 'protect', null))).toBe(true);
    expect(lacksScore(row('technique_scores', null, 'partial'))).toBe(true);
    expect(lacksScore(row('technique_scores', 'protect', 'partial'))).toBe(false);
    expect(lacksScore(row('mitigates', null, null))).toBe(false);
  });
  it('follow the same rule where a row says whether its type is scored', () => {
    expect(scoredWithoutScore(true, 'detect', undefined)).toBe(true);
    expect(scoredWithoutScore(true, 'detect', 'minimal')).toBe(false);
    expect(scoredWithoutScore(false, undefined, undefined)).toBe(false);
  });
});

describe('score ranks', () => {
  it('name the score value of each rank, and none for no score', () => {
    expect([1, 2, 3].map(scoreValueOfRank)).toEqual(['minimal', 'partial', 'significant']);
    expect(scoreValueOfRank(0)).toBeUndefined();
    expect(scoreValueOfRank(4)).toBeUndefined();
  });
  it('label ranks from no score to the best, as score columns sort', () => {
    expect(SCORE_RANK_LABELS).toEqual(['Not scored', 'Minimal', 'Partial', 'Significant']);
  });
});
