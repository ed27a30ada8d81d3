/**
 * A set's rows file (`<set id>_rows.json`), beside its unified JSON file: for each mapping object,
 * in the JSON file's order, its CSV status, whether it is a mapping and the pages it belongs to.
 * The browser makes a page's own files and compares sets from the two (src/client/downloads/set-files.ts).
 */
import type { ExportSet, MappingObject } from '../export-formats.ts';
import type { LoadedSet } from '../page-downloads.ts';
import { jsonText, type DownloadFormat } from './download-format.ts';

export const ROWS_FORMAT = 'mapscope-set-rows/1';

/** A set's rows file. */
export interface RowsFile {
  format: typeof ROWS_FORMAT;
  /** The set, but for its metadata (the unified file's). */
  set: Omit<ExportSet, 'metadata'>;
  /** Page keys, referred to by index. */
  scopes: string[];
  /** Per mapping object, in the unified file's order: CSV status, 1 for a mapping (0: non-mappable), then its pages. */
  rows: [string, 0 | 1, ...number[]][];
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

export const rowsFileFormat = {
  id: 'rows',
  label: 'Rows',
  linkText: 'Rows',
  mediaType: 'application/json',
  suffix: '_rows.json',
  spansSets: false,
  listed: false,
  scopes: {
    set: { write: (input) => jsonText(encodeRowsFile(input)) },
  },
} satisfies DownloadFormat;
