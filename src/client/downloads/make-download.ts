/**
 * A page's own download, made in the browser: its mappings in one or more sets, read from each
 * set's unified JSON file and rows file (fetched once per page), in the format asked for. The
 * same functions write every set's files at build time (src/lib/exports/page-downloads.ts).
 */
import { scopedContent, type ScopedFormat } from '../../lib/exports/page-downloads.ts';
import { loadSet } from './set-files.ts';

const TYPES: Record<ScopedFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json', layer: 'application/json' };

/** The file's content, as a Blob of the right type. */
export async function makeDownload(base: string, scope: string, format: ScopedFormat, setIds: readonly string[], subject?: string): Promise<Blob> {
  const sets = await Promise.all(setIds.map((id) => loadSet(base, id)));
  return new Blob([scopedContent(format, scope, sets, subject)], { type: TYPES[format] });
}
