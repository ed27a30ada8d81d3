/** A set's gaps as CSV: the active techniques of its ATT&CK version that none of its mappings names. */
import type { GapRow } from '../../views/attack-views.ts';
import { csvFile } from '../spreadsheet-cells.ts';
import type { DownloadFormat } from './download-format.ts';

/** Columns of a set's gap list. */
export const GAP_CSV_COLUMNS = ['attack_object_id', 'attack_object_name', 'tactics', 'is_subtechnique', 'non_mappable'] as const;

/** A set's gaps as CSV: one row per technique, tactics separated by "; ", flags as true/false. */
export function toGapsCsv(rows: readonly GapRow[]): string {
  return csvFile(
    GAP_CSV_COLUMNS,
    rows.map((r) => [r.id, r.name, r.tactics.join('; '), String(r.isSubtechnique), String(r.nonMappable)]),
  );
}

export const gapsCsvFormat = {
  id: 'gaps',
  label: 'Gaps (CSV)',
  linkText: 'CSV',
  mediaType: 'text/csv;charset=utf-8',
  suffix: '_gaps.csv',
  spansSets: false,
  listed: true,
  purpose: "Active techniques of the set's ATT&CK version that no mapping names.",
  scopes: {
    set: { offers: ({ gaps }) => gaps !== null, write: ({ gaps }) => toGapsCsv(gaps ?? []) },
  },
} satisfies DownloadFormat;
