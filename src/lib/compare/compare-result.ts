/**
 * A comparison as the formats of a result take it (src/lib/exports/formats/, scope `result`): the
 * CSV's rows for a workbook or YAML, and for a STIX bundle each mapping added, removed or changed
 * as a relationship from its capability to its technique, `x_mapscope_change` saying which (the
 * set it comes from: B for added and changed, A for removed). Browser-safe and pure.
 */
import type { ExportSet } from '../exports/export-formats.ts';
import type { ResultRelation, ResultTable } from '../exports/formats/download-format.ts';
import { stixRelationshipType } from '../exports/formats/stix-bundle.ts';
import { COMPARE_CSV_COLUMNS, compareRecords } from './compare-csv.ts';
import type { CompareRow, Comparison } from './diff-sets.ts';

/** What a comparison's files say of each set compared. */
export type ComparedSet = Pick<ExportSet, 'id' | 'title' | 'frameworkId' | 'frameworkVersion' | 'attackPatterns'>;

/** A comparison of set A (older) with set B (newer), as a result's table and relations. */
export function compareResult(comparison: Comparison, a: ComparedSet, b: ComparedSet): ResultTable {
  const relations: ResultRelation[] = [];
  const relate = (set: ComparedSet, row: CompareRow, change: 'added' | 'removed' | 'changed') => {
    const attackPatternId = set.attackPatterns?.[row.techniqueId];
    if (!attackPatternId) return;
    relations.push({
      capability: {
        id: row.capabilityLabel,
        name: row.capabilityDescription,
        frameworkId: set.frameworkId,
        frameworkVersion: set.frameworkVersion,
        setId: set.id,
      },
      techniqueId: row.techniqueId,
      attackPatternId,
      relationshipType: stixRelationshipType(row.mappingType),
      properties: {
        x_mapscope_change: change,
        ...(row.scoreCategory ? { x_mapscope_score_category: row.scoreCategory } : {}),
        ...(row.scoreValue ? { x_mapscope_score_value: row.scoreValue } : {}),
      },
    });
  };
  for (const row of comparison.added) relate(b, row, 'added');
  for (const row of comparison.removed) relate(a, row, 'removed');
  for (const change of comparison.changed) relate(b, change.new, 'changed');
  const { added, removed, changed } = comparison.counts;
  return {
    name: 'Differences',
    title: `Differences from ${a.title} to ${b.title}`,
    columns: COMPARE_CSV_COLUMNS,
    rows: compareRecords(comparison),
    about: [
      ['Older set (A)', `${a.title} (${a.id})`],
      ['Newer set (B)', `${b.title} (${b.id})`],
      ['Mappings', `${added} added, ${removed} removed, ${changed} changed`],
    ],
    relations,
  };
}
