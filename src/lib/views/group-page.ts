/**
 * A capability group's page: its capabilities with their row and technique counts (each
 * capability's page lists its rows), and the matrix of what the group covers.
 */
import { byCapability, mappingRows, type MappingRow } from './mapping-rows.ts';
import { subjectMatrix, type SubjectMatrix } from './subject-matrix.ts';
import { compareNatural } from '../core/ids.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { pushTo } from '../core/multimap.ts';
import type { Capability, CapabilityGroup, Framework } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

export interface GroupView {
  group: CapabilityGroup;
  framework: Framework;
  /**
   * Its capabilities with their rows and techniques: the page lists them, and each capability's
   * page its rows (NIST AC's 1,400 rows on one page made it 1 MB, and repeated those pages).
   */
  capabilities: { capability: Capability; rowCount: number; techniqueCount: number }[];
  /** Rows of all its capabilities (mappings in several sets counted once). */
  rowCount: number;
  matrix: SubjectMatrix | null;
}

/** A group's page. */
export function groupView(index: ModelIndex, id: string): GroupView {
  const group = required(index.groups, id, 'capability group');
  const members = (index.capabilitiesByGroup.get(id) ?? []).slice().sort((a, b) => compareNatural(a.displayId, b.displayId));
  const groupMappings = index.groupMappings(id);
  const rows = mappingRows(index, groupMappings).sort(byCapability);
  const perCapability = new Map<string, MappingRow[]>();
  for (const r of rows) pushTo(perCapability, r.capability.id, r);
  return {
    group,
    framework: required(index.frameworks, group.frameworkId, 'framework'),
    capabilities: members.map((capability) => {
      const own = perCapability.get(capability.id) ?? [];
      return { capability, rowCount: own.length, techniqueCount: new Set(own.map((r) => r.technique.id)).size };
    }),
    rowCount: rows.length,
    matrix: subjectMatrix(index, groupMappings),
  };
}
