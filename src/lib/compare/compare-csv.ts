/**
 * A comparison as CSV, one row per difference: mappings added and removed, each changed field
 * of a changed mapping, technique flags and suggested capability renames. Written like the
 * other downloads (RFC 4180, every cell guarded against formula injection).
 */
import { CHANGE_FIELD_NAMES, type CompareRow, type Comparison } from './diff-sets.ts';
import { csvFile } from '../exports/spreadsheet-cells.ts';

export const COMPARE_CSV_COLUMNS = ['kind', 'capability_id', 'capability_name', 'attack_object_id', 'attack_object_name', 'field', 'old', 'new'] as const;

type Record8 = [string, string, string, string, string, string, string, string];

const mappingRecord = (kind: string, row: CompareRow, field = '', old = '', next = ''): Record8 => [
  kind,
  row.capabilityLabel,
  row.capabilityDescription ?? '',
  row.techniqueId,
  row.techniqueName ?? '',
  field,
  old,
  next,
];

/** The comparison's CSV file. */
export function compareCsv(comparison: Comparison): string {
  return csvFile(COMPARE_CSV_COLUMNS, compareRecords(comparison));
}

/** The comparison's CSV rows, one per difference, as the other formats of a comparison take them. */
export function compareRecords(comparison: Comparison): string[][] {
  const records: Record8[] = [
    ...comparison.added.map((row) => mappingRecord('added', row)),
    ...comparison.removed.map((row) => mappingRecord('removed', row)),
    ...comparison.changed.flatMap((c) => c.fields.map((f) => mappingRecord('changed', c.new, CHANGE_FIELD_NAMES[f.field], f.old, f.new))),
    ...comparison.techniqueFlags.map((f): Record8 => [
      `technique_${f.kind}`,
      '',
      '',
      f.techniqueId,
      f.newName ?? '',
      f.kind === 'revoked' ? 'revoked_by' : f.kind === 'deprecated' ? 'deprecated' : 'attack_object_name',
      f.kind === 'renamed' ? (f.oldName ?? '') : '',
      f.kind === 'renamed' ? (f.newName ?? '') : f.kind === 'revoked' ? (f.revokedBy ?? '') : 'true',
    ]),
    ...comparison.renames.map((r): Record8 => [
      'capability_renamed_suggested',
      r.to.label,
      r.to.description ?? '',
      '',
      '',
      'capability_id',
      r.from.label,
      r.to.label,
    ]),
  ];
  return records;
}
