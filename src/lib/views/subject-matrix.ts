/**
 * The matrix on a capability's or group's page: what its mappings cover, in the newest of their
 * sets whose ATT&CK version the catalog has.
 */
import { matrixView, type MatrixView } from './attack-views.ts';
import { setLabelIn } from './mapping-rows.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Mapping, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

/** A matrix of what one capability or group covers, in the newest set that maps it. */
export interface SubjectMatrix {
  set: MappingSet;
  /** "NIST SP 800-53 rev5 @ 16.1" */
  label: string;
  view: MatrixView;
}

/** The matrix of some mappings in the newest set (with a catalog version) among theirs. */
export function subjectMatrix(index: ModelIndex, mappings: readonly Mapping[]): SubjectMatrix | null {
  const inSets = [...new Set(mappings.map((m) => m.setId))].map((id) => required(index.sets, id, 'set')).sort(index.byNewest);
  for (const set of inSets) {
    const view = matrixView(
      index,
      set.domain,
      set.attackVersion,
      mappings.filter((m) => m.setId === set.id),
      { coveredOnly: true },
    );
    if (view) return { set, label: setLabelIn(index, set), view };
  }
  return null;
}
