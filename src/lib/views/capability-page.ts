/**
 * A capability's page: the sets that name it and what they title it, its group, its rows by
 * technique, its non-mappable entries and the matrix of what it covers.
 */
import {
  byTechnique,
  columnsFor,
  mappingRows,
  nonMappableEntries,
  setCounts,
  type MappingRow,
  type NonMappableEntry,
  type SetCount,
  type TableColumns,
  type Variant,
} from './mapping-rows.ts';
import { subjectMatrix, type SubjectMatrix } from './subject-matrix.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { pushTo } from '../core/multimap.ts';
import type { Capability, CapabilityGroup, Framework, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';
import { capabilityTexts, type CapabilityTextsView } from './capability-texts.ts';

export interface CapabilityView extends TableColumns {
  capability: Capability;
  /** The sets that name it, newest first. */
  inSets: MappingSet[];
  /** What its sets title it, when they differ: each title with its sets, newest first. */
  titles: Variant[];
  framework: Framework;
  group: CapabilityGroup | null;
  /** Spellings other than the one shown. */
  otherSpellings: string[];
  rows: MappingRow[];
  sets: SetCount[];
  nonMappables: NonMappableEntry[];
  matrix: SubjectMatrix | null;
  /** The control, feature or CVE texts given at build time (--descriptions); null without them. */
  texts: CapabilityTextsView | null;
}

/** Each title a capability's sets give it with those sets, newest first; none when they agree. */
function capabilityTitles(index: ModelIndex, capability: Capability): Variant[] {
  const byTitle = new Map<string | null, MappingSet[]>();
  for (const [setId, entry] of Object.entries(capability.sets)) pushTo(byTitle, entry.description, required(index.sets, setId, 'set'));
  if (byTitle.size <= 1) return [];
  return [...byTitle.entries()].map(([value, inSets]) => ({ value, sets: inSets.sort(index.byNewest) })).sort((a, b) => index.byNewest(a.sets[0]!, b.sets[0]!));
}

/** A capability's page. */
export function capabilityView(index: ModelIndex, id: string): CapabilityView {
  const capability = required(index.capabilities, id, 'capability');
  const mappings = index.mappingsByCapability.get(id) ?? [];
  const rows = mappingRows(index, mappings).sort(byTechnique);
  return {
    capability,
    inSets: Object.keys(capability.sets).map((s) => required(index.sets, s, 'set')),
    titles: capabilityTitles(index, capability),
    framework: required(index.frameworks, capability.frameworkId, 'framework'),
    group: capability.groupId ? (index.groups.get(capability.groupId) ?? null) : null,
    otherSpellings: capability.spellings.filter((s) => s !== capability.displayId),
    rows,
    ...columnsFor(rows),
    sets: setCounts(index, rows),
    nonMappables: nonMappableEntries(index, index.nonMappablesByCapability.get(id)),
    matrix: subjectMatrix(index, mappings),
    texts: capabilityTexts(index, capability),
  };
}
