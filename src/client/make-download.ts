/**
 * A page's own download, made in the browser: its mappings in one or more sets, read from each
 * set's unified JSON file and rows file (fetched once per page), in the format asked for. The
 * same functions write every set's files at build time (src/lib/scoped-downloads.ts).
 */
import { decodeSetFiles, scopedContent, type LoadedSet, type ScopedFormat } from '../lib/scoped-downloads.ts';

const loaded = new Map<string, Promise<LoadedSet>>();

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** A set's files, fetched and decoded once. */
function loadSet(base: string, setId: string): Promise<LoadedSet> {
  let set = loaded.get(setId);
  if (!set) {
    set = Promise.all([fetchJson(`${base}${setId}.json`), fetchJson(`${base}${setId}_rows.json`)]).then(([unified, rows]) => decodeSetFiles(unified, rows));
    set.catch(() => loaded.delete(setId));
    loaded.set(setId, set);
  }
  return set;
}

const TYPES: Record<ScopedFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json', layer: 'application/json' };

/** The file's content, as a Blob of the right type. */
export async function makeDownload(base: string, scope: string, format: ScopedFormat, setIds: readonly string[], subject?: string): Promise<Blob> {
  const sets = await Promise.all(setIds.map((id) => loadSet(base, id)));
  return new Blob([scopedContent(format, scope, sets, subject)], { type: TYPES[format] });
}
