/** Scores of scored mapping types (technique_scores): which rows are scored and how well. */
import { mappingTypeFamily } from './ids.ts';
import { SCORED_MAPPING_TYPE } from './vocabulary.ts';

/** True for the mapping types whose rows carry a score category and value. */
export function isScoredType(typeId: string): boolean {
  return mappingTypeFamily(typeId) === SCORED_MAPPING_TYPE;
}

/** A row of a scored type that lacks its category or value: shown as "not scored". */
export function lacksScore(mapping: { mappingType: string; scoreCategory: string | null; scoreValue: string | null }): boolean {
  return isScoredType(mapping.mappingType) && (mapping.scoreCategory === null || mapping.scoreValue === null);
}
