/**
 * A framework's page: its sets newest first, its groups with their capability and row counts
 * (rows counted as the group pages count them), and its capabilities in no group.
 */
import type { ModelIndex } from '../model/model-index.ts';
import { orInsert } from '../core/multimap.ts';
import type { Capability, CapabilityGroup, Framework, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

export interface FrameworkView {
  framework: Framework;
  sets: MappingSet[];
  groups: { group: CapabilityGroup; capabilityCount: number; rowCount: number }[];
  capabilityCount: number;
  rowCount: number;
  ungrouped: Capability[];
}

/** Distinct rows of some capabilities, all and per group (a capability's mapping counts in the group its set puts it in). */
function distinctRows(index: ModelIndex, capabilities: readonly Capability[]): { all: Set<string>; byGroup: Map<string, Set<string>> } {
  const byGroup = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const capability of capabilities) {
    for (const m of index.mappingsByCapability.get(capability.id) ?? []) {
      all.add(m.rowId);
      const groupId = capability.sets[m.setId]?.groupId ?? null;
      if (groupId) orInsert(byGroup, groupId, () => new Set<string>()).add(m.rowId);
    }
  }
  return { all, byGroup };
}

/** A framework's page. */
export function frameworkView(index: ModelIndex, id: string): FrameworkView {
  const { model } = index;
  const framework = required(index.frameworks, id, 'framework');
  const capabilities = model.capabilities.filter((c) => c.frameworkId === id);
  const rows = distinctRows(index, capabilities);
  return {
    framework,
    sets: framework.setIds.map((s) => required(index.sets, s, 'set')),
    groups: model.groups
      .filter((g) => g.frameworkId === id)
      .map((group) => ({
        group,
        capabilityCount: (index.capabilitiesByGroup.get(group.id) ?? []).length,
        rowCount: rows.byGroup.get(group.id)?.size ?? 0,
      })),
    capabilityCount: capabilities.length,
    rowCount: rows.all.size,
    ungrouped: capabilities.filter((c) => Object.values(c.sets).every((e) => e.groupId === null)),
  };
}
