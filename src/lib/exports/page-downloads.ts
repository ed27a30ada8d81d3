/**
 * A page's own downloads (a technique's, capability's or group's rows: one CSV across its sets,
 * a unified JSON file and a Navigator layer per set), made from the files every set has: its
 * unified JSON file and its rows file, which says for each mapping object its CSV status and the
 * pages it belongs to. The build and the browser use the same functions, so a file made in the
 * browser is the file the build would have written.
 */
import { csvOf, layerOf, unifiedJsonOf, type ExportRow, type ExportSet, type MappingObject } from './export-formats.ts';

/** Keys of the pages that offer downloads. */
export const scopeKey = {
  set: (setId: string) => `set:${setId}`,
  technique: (id: string) => `technique:${id}`,
  capability: (id: string) => `capability:${id}`,
  group: (id: string) => `group:${id}`,
};

export const ROWS_FORMAT = 'mapscope-set-rows/1';

/** A set's rows file (`<set id>_rows.json`), beside its unified JSON file. */
export interface RowsFile {
  format: typeof ROWS_FORMAT;
  /** The set, but for its metadata (the unified file's). */
  set: Omit<ExportSet, 'metadata'>;
  /** Page keys, referred to by index. */
  scopes: string[];
  /** Per mapping object, in the unified file's order: CSV status, 1 for a mapping (0: non-mappable), then its pages. */
  rows: [string, 0 | 1, ...number[]][];
}

/** A row of a set with the pages it belongs to. */
export interface ScopedRow extends ExportRow {
  scopes: readonly string[];
}

/** A set's rows, ready for its pages' files. */
export interface LoadedSet {
  set: ExportSet;
  rows: ScopedRow[];
}

/** The rows file of a set. */
export function encodeRowsFile(loaded: LoadedSet): RowsFile {
  const { metadata: _metadata, ...set } = loaded.set;
  const scopes: string[] = [];
  const index = new Map<string, number>();
  const rows = loaded.rows.map((row): RowsFile['rows'][number] => [
    row.status,
    row.mapping ? 1 : 0,
    ...row.scopes.map((scope) => {
      let i = index.get(scope);
      if (i === undefined) {
        i = scopes.push(scope) - 1;
        index.set(scope, i);
      }
      return i;
    }),
  ]);
  return { format: ROWS_FORMAT, set, scopes, rows };
}

/** Read a set back from its unified JSON file and its rows file (as parsed JSON). */
export function decodeSetFiles(unified: unknown, rowsFile: unknown): LoadedSet {
  const json = unified as { metadata?: ExportSet['metadata']; mapping_objects?: MappingObject[] };
  const file = rowsFile as RowsFile;
  if (file?.format !== ROWS_FORMAT) throw new Error(`not a Mapscope rows file (format ${JSON.stringify(file?.format)}, expected ${ROWS_FORMAT})`);
  if (!json?.metadata || !Array.isArray(json.mapping_objects)) throw new Error('not a unified mapping file (no metadata or mapping_objects)');
  if (json.mapping_objects.length !== file.rows.length) {
    throw new Error(`the set file holds ${json.mapping_objects.length} objects and its rows file ${file.rows.length}: they are of different builds`);
  }
  return {
    set: { ...file.set, metadata: json.metadata },
    rows: file.rows.map(([status, mapping, ...scopes], i) => ({
      object: json.mapping_objects![i]!,
      status,
      mapping: mapping === 1,
      scopes: scopes.map((s) => file.scopes[s]!),
    })),
  };
}

export type ScopedFormat = 'csv' | 'json' | 'layer';

/**
 * A page's file: its mappings in the given sets (a CSV may hold several; JSON and layers hold
 * one), `subject` naming what a layer shows ("T1046", "AC-4").
 */
export function scopedContent(format: ScopedFormat, scope: string, sets: readonly LoadedSet[], subject?: string): string {
  const inScope = (row: ScopedRow) => row.mapping && row.scopes.includes(scope);
  if (format === 'csv') return csvOf(sets.flatMap(({ set, rows }) => rows.filter(inScope).map((row) => ({ set, row }))));
  if (sets.length !== 1) throw new Error(`a ${format} file holds one set, not ${sets.length}`);
  const [{ set, rows }] = sets as [LoadedSet];
  const value = format === 'json' ? unifiedJsonOf(set, rows.filter(inScope)) : layerOf(set, rows.filter(inScope), subject);
  return `${JSON.stringify(value)}\n`;
}
