/** Scores of scored mapping types (technique_scores): which rows are scored and how well, and the names of score ranks. Browser-safe. */
import { mappingTypeFamily } from './ids.ts';
import { SCORED_MAPPING_TYPE, SCORE_VALUES, type ScoreValue } from './vocabulary.ts';

/** True for the mapping types whose rows carry a score category and value. */
export function isScoredType(typeId: string): boolean {
  return mappingTypeFamily(typeId) === SCORED_MAPPING_TYPE;
}

/** A row of a scored type that lacks its category or value: shown as "not scored". */
export function lacksScore(mapping: { mappingType: string; scoreCategory: string | null; scoreValue: string | null }): boolean {
  return scoredWithoutScore(isScoredType(mapping.mappingType), mapping.scoreCategory, mapping.scoreValue);
}

/** The rule of lacksScore for rows that say themselves whether their type is scored (the export formats' objects). */
export function scoredWithoutScore(scored: boolean, category: unknown, value: unknown): boolean {
  return scored && (category == null || value == null);
}

const VALUE_OF_RANK = new Map<number, ScoreValue>(Object.entries(SCORE_VALUES).map(([id, v]) => [v.rank, id as ScoreValue]));

/** The score value of a rank: 1 "minimal", 2 "partial", 3 "significant"; undefined for any other number (0 is no score). */
export function scoreValueOfRank(rank: number): ScoreValue | undefined {
  return VALUE_OF_RANK.get(rank);
}

/** The labels of score values by rank, "Not scored" at 0 (a scored row without a score): a score column's data-sort-ranks. */
export const SCORE_RANK_LABELS: readonly string[] = [
  'Not scored',
  ...Object.values(SCORE_VALUES)
    .sort((a, b) => a.rank - b.rank)
    .map((v) => v.label),
];
