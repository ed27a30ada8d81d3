/**
 * A superseded set's or a static comparison's derived file (YAML, STIX, Excel), made in the
 * browser from the sets' prebuilt JSON and rows files (src/lib/exports/made-files.ts). Loaded on
 * the first click (made-download.ts).
 */
import type { TechniqueFlag } from '../../lib/compare/diff-sets.ts';
import { formatById } from '../../lib/exports/formats/index.ts';
import { comparisonFile, wholeSetFile } from '../../lib/exports/made-files.ts';
import { loadSetFiles } from './set-files.ts';

export interface WholeFileRequest {
  /** The downloads folder's URL. */
  base: string;
  format: string;
  /** A set's file: the set. */
  set?: string;
  /** A comparison's file: its sets (older, newer), and its technique flags as JSON. */
  compare?: [string, string];
  flags?: string;
}

/** The file, as a Blob of its format's type. */
export async function makeWholeFile(request: WholeFileRequest): Promise<Blob> {
  const format = formatById(request.format);
  let content;
  if (request.set) {
    content = await wholeSetFile(format, await loadSetFiles(request.base, request.set));
  } else if (request.compare) {
    const [a, b] = await Promise.all(request.compare.map((id) => loadSetFiles(request.base, id)));
    content = await comparisonFile(format, a!, b!, JSON.parse(request.flags ?? '[]') as TechniqueFlag[]);
  } else {
    throw new Error('the link names no set');
  }
  return new Blob([content as BlobPart], { type: format.mediaType });
}
