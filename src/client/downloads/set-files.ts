/**
 * A set's download files as the browser reads them: its unified JSON file and its rows file,
 * fetched from the site once per page and decoded (src/lib/exports/formats/rows-file.ts). A page's own
 * downloads and the comparisons made in the browser both start from them.
 */
import { decodeSetFiles, rowsFileFormat } from '../../lib/exports/formats/rows-file.ts';
import { unifiedJsonFormat } from '../../lib/exports/formats/unified-json.ts';
import { fileNames, type LoadedSet } from '../../lib/exports/page-downloads.ts';

const loaded = new Map<string, Promise<LoadedSet>>();

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** A set's files under the downloads folder `base`, fetched and decoded once (again after a failure). */
export function loadSet(base: string, setId: string): Promise<LoadedSet> {
  let set = loaded.get(setId);
  if (!set) {
    set = Promise.all([unifiedJsonFormat, rowsFileFormat].map((format) => fetchJson(`${base}${fileNames.wholeSet(format, setId)}`))).then(([unified, rows]) =>
      decodeSetFiles(unified, rows),
    );
    set.catch(() => loaded.delete(setId));
    loaded.set(setId, set);
  }
  return set;
}

/** The same, failing with a message that names the set (what a download's status line says). */
export const loadSetFiles = (base: string, setId: string): Promise<LoadedSet> =>
  loadSet(base, setId).catch((error: Error) => Promise.reject(new Error(`the files of set ${setId} did not load (${error.message})`)));
