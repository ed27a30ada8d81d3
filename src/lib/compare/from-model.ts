/**
 * Comparisons of the model's sets, made at build time: a set's mappings as compare rows, and
 * ATT&CK's facts of a technique in each set's version (for the technique flags).
 */
import { techniqueStateAt } from '../views/attack-views.ts';
import { compareSets, type CompareRow, type Comparison, type TechniqueFacts } from './diff-sets.ts';
import { mappingTypeFamily } from '../core/ids.ts';
import { techniqueNameAt } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

/** A set's mappings as compare rows, spelled and described as the set writes them. */
export function modelCompareRows(index: ModelIndex, set: MappingSet): CompareRow[] {
  return (index.mappingsBySet.get(set.id) ?? []).map((m) => {
    const capability = required(index.capabilities, m.capabilityId, 'capability');
    const entry = capability.sets[set.id];
    return {
      capabilityId: m.capabilityId,
      capabilityLabel: m.capabilitySpelling ?? entry?.spelling ?? capability.displayId,
      capabilityDescription: m.capabilityDescription !== undefined ? m.capabilityDescription : (entry?.description ?? capability.description),
      techniqueId: m.techniqueId,
      techniqueName: m.attackObjectName !== undefined ? m.attackObjectName : techniqueNameAt(index.techniques.get(m.techniqueId), set.attackVersion),
      mappingType: m.mappingType,
      typeFamily: mappingTypeFamily(m.mappingType),
      scoreCategory: m.scoreCategory,
      scoreValue: m.scoreValue,
      comments: m.comments,
      references: m.references,
    };
  });
}

/** Compare two sets of the model, with ATT&CK's facts of each technique in each set's version. */
export function compareModelSets(index: ModelIndex, a: MappingSet, b: MappingSet): Comparison {
  const techniqueFacts = (techniqueId: string, side: 'a' | 'b'): TechniqueFacts | undefined => {
    const technique = index.techniques.get(techniqueId);
    const set = side === 'a' ? a : b;
    return technique ? techniqueStateAt(technique, set.domain, set.attackVersion) : undefined;
  };
  return compareSets(modelCompareRows(index, a), modelCompareRows(index, b), { techniqueFacts });
}
