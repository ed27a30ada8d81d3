/**
 * The technique pages: one technique's ATT&CK facts, description, parent and sub-techniques, and
 * its rows in one table per framework; and the techniques index, each with its row count.
 */
import { techniqueAttackView, type TechniqueAttackView } from './attack-views.ts';
import {
  byCapability,
  columnsFor,
  mappingRows,
  nonMappableEntries,
  setCounts,
  type MappingRow,
  type NonMappableEntry,
  type SetCount,
  type TableColumns,
} from './mapping-rows.ts';
import { renderAttackMarkdown, type RenderedDescription } from './markdown.ts';
import { techniqueThreats, type TechniqueThreats } from './technique-threats.ts';
import type { ModelIndex } from '../model/model-index.ts';
import { orInsert, pushTo } from '../core/multimap.ts';
import type { Framework, Technique } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

export interface FrameworkTable extends TableColumns {
  framework: Framework;
  rows: MappingRow[];
  /** The table's data-sets attribute: the sets of its rows. */
  tokens: string;
}

export interface TechniqueView {
  technique: Technique;
  /** Its ATT&CK facts: status, names, tactics, platforms, where it is a gap. */
  attack: TechniqueAttackView;
  /** Its description, rendered (null when neither bundles nor tables give one). */
  description: RenderedDescription | null;
  parent: Technique | null;
  subtechniques: { technique: Technique; rowCount: number }[];
  tables: FrameworkTable[];
  rowCount: number;
  /** Sets with rows on this page, for the set filter. */
  sets: SetCount[];
  nonMappables: NonMappableEntry[];
  /** Who uses it, its ATT&CK mitigations and detection strategies, per domain (when the catalog has them). */
  threats: TechniqueThreats[];
}

export interface TechniqueSummary {
  technique: Technique;
  rowCount: number;
  frameworkCount: number;
}

const rowCounts = new WeakMap<ModelIndex, Map<string, number>>();

/** A technique's rows (mappings in several sets counted once), computed once per index. */
function techniqueRowCount(index: ModelIndex, id: string): number {
  let cache = rowCounts.get(index);
  if (!cache) rowCounts.set(index, (cache = new Map()));
  return orInsert(cache, id, () => new Set((index.mappingsByTechnique.get(id) ?? []).map((m) => m.rowId)).size);
}

/** A technique's rows, one table per framework (by framework name), each by capability. */
function frameworkTables(index: ModelIndex, rows: readonly MappingRow[]): FrameworkTable[] {
  const byFramework = new Map<string, MappingRow[]>();
  for (const row of rows) pushTo(byFramework, row.capability.frameworkId, row);
  return [...byFramework.entries()]
    .map(([frameworkId, list]) => {
      const sorted = list.sort(byCapability);
      const tableSets = [...new Set(sorted.flatMap((r) => r.sets))];
      return { framework: required(index.frameworks, frameworkId, 'framework'), rows: sorted, tokens: index.setTokenList(tableSets), ...columnsFor(sorted) };
    })
    .sort((a, b) => a.framework.name.localeCompare(b.framework.name));
}

/** A technique's page. */
export function techniqueView(index: ModelIndex, id: string): TechniqueView {
  const { techniques } = index;
  const technique = required(techniques, id, 'technique');
  const rows = mappingRows(index, index.mappingsByTechnique.get(id) ?? []);
  return {
    technique,
    attack: techniqueAttackView(index, technique),
    description: technique.description ? renderAttackMarkdown(technique.description, technique.citations, `source-${technique.id}`) : null,
    parent: technique.parentId ? (techniques.get(technique.parentId) ?? null) : null,
    subtechniques: technique.subtechniqueIds.map((s) => ({ technique: required(techniques, s, 'technique'), rowCount: techniqueRowCount(index, s) })),
    tables: frameworkTables(index, rows),
    rowCount: rows.length,
    sets: setCounts(index, rows),
    nonMappables: nonMappableEntries(index, index.nonMappablesByTechnique.get(id)),
    threats: techniqueThreats(index, id),
  };
}

/** Techniques in id order with their row counts (parents before their sub-techniques). */
export function techniqueSummaries(index: ModelIndex): TechniqueSummary[] {
  return index.model.techniques.map((technique) => ({
    technique,
    rowCount: techniqueRowCount(index, technique.id),
    frameworkCount: new Set((index.mappingsByTechnique.get(technique.id) ?? []).map((m) => required(index.sets, m.setId, 'set').frameworkId)).size,
  }));
}
