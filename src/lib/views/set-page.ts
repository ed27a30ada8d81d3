/**
 * A mapping set's page: its groups and capabilities with their counts, what it lacks (scores,
 * techniques it maps none of), its warnings, non-mappable entries and duplicates, and its matrix.
 */
import { gapRows, matrixView, type GapRow, type MatrixView } from './attack-views.ts';
import { nonMappableEntries, type NonMappableEntry } from './mapping-rows.ts';
import { compareNatural } from '../core/ids.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { pushTo } from '../core/multimap.ts';
import type { Capability, CapabilityGroup, Duplicate, Framework, Mapping, MappingSet } from '../model/schema.ts';
import { lacksScore } from '../core/scores.ts';
import { required } from '../core/lookups.ts';

export interface SetCapabilityRow {
  capability: Capability;
  group: CapabilityGroup | null;
  mappingCount: number;
  techniqueCount: number;
}

export interface SetGroupRow {
  group: CapabilityGroup;
  /** The group's label as this set writes it. */
  label: string;
  capabilityCount: number;
  mappingCount: number;
}

export interface SetView {
  set: MappingSet;
  framework: Framework;
  /** Groups with their label as this set writes it. */
  groups: SetGroupRow[];
  capabilities: SetCapabilityRow[];
  techniqueCount: number;
  /** Mappings of a scored type without a score. */
  notScored: number;
  /** Objects of the set that a warning concerns. */
  warningCount: number;
  nonMappables: NonMappableEntry[];
  duplicates: Duplicate[];
  /** The ATT&CK matrix of the set's version, shaded by its coverage; null when the catalog lacks the version. */
  matrix: MatrixView | null;
  /** Active techniques of its version that none of its mappings names; null when the catalog lacks the version. */
  gaps: GapRow[] | null;
}

/** The capabilities a set names, in model order, each with its group in the set and its counts. */
function setCapabilities(index: ModelIndex, setId: string, mappings: readonly Mapping[]): SetCapabilityRow[] {
  const perCapability = new Map<string, Mapping[]>();
  for (const m of mappings) pushTo(perCapability, m.capabilityId, m);
  return index.model.capabilities
    .filter((c) => c.sets[setId] !== undefined)
    .map((capability) => {
      const own = perCapability.get(capability.id) ?? [];
      const groupId = capability.sets[setId]!.groupId;
      return {
        capability,
        group: groupId ? (index.groups.get(groupId) ?? null) : null,
        mappingCount: own.length,
        techniqueCount: new Set(own.map((m) => m.techniqueId)).size,
      };
    });
}

/** The groups of a set's capabilities, in id order, with their counts. */
function setGroups(index: ModelIndex, setId: string, capabilities: readonly SetCapabilityRow[]): SetGroupRow[] {
  const perGroup = new Map<string, SetCapabilityRow[]>();
  for (const row of capabilities) if (row.group) pushTo(perGroup, row.group.id, row);
  return [...perGroup.entries()]
    .map(([groupId, list]) => {
      const group = required(index.groups, groupId, 'capability group');
      return {
        group,
        label: group.sets[setId]?.label ?? group.label,
        capabilityCount: list.length,
        mappingCount: list.reduce((n, r) => n + r.mappingCount, 0),
      };
    })
    .sort((a, b) => compareNatural(a.group.displayId, b.group.displayId));
}

/** A set's page. */
export function setView(index: ModelIndex, id: string): SetView {
  const set = required(index.sets, id, 'set');
  const mappings = index.mappingsBySet.get(id) ?? [];
  const capabilities = setCapabilities(index, id, mappings);
  return {
    set,
    framework: required(index.frameworks, set.frameworkId, 'framework'),
    groups: setGroups(index, id, capabilities),
    capabilities,
    techniqueCount: new Set(mappings.map((m) => m.techniqueId)).size,
    notScored: mappings.filter(lacksScore).length,
    warningCount: index.warningCount(id),
    nonMappables: nonMappableEntries(index, index.nonMappablesBySet.get(id)),
    duplicates: index.model.duplicates.filter((d) => d.setId === id),
    matrix: matrixView(index, set.domain, set.attackVersion, mappings),
    gaps: gapRows(index, set),
  };
}
