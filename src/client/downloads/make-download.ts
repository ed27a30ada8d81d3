/**
 * A page's own download, made in the browser: its mappings in one or more sets, read from each
 * set's unified JSON file and rows file (fetched once per page), in the format the link names,
 * with the writer of the formats' registry that the build uses for every set's files
 * (src/lib/exports/formats/). Loaded on the first click (scoped-downloads.ts).
 */
import { formatById } from '../../lib/exports/formats/index.ts';
import { pageFile as pageFileOf, type PageFileRequest } from '../../lib/exports/page-downloads.ts';
import { loadSet } from './set-files.ts';

/** A page's own file asked for by a link: its name and its sets. */
export const pageFile = (request: PageFileRequest) => pageFileOf(request, formatById);

/** The file's content, as a Blob of the format's type. */
export async function makeDownload(base: string, scope: string, formatId: string, setIds: readonly string[], subject?: string): Promise<Blob> {
  const format = formatById(formatId);
  const writer = format.scopes.page;
  if (!writer) throw new Error(`a page offers no ${format.label} file`);
  const sets = await Promise.all(setIds.map((id) => loadSet(base, id)));
  const content = await writer.write({ scope, sets, ...(subject !== undefined && format.namesSubject ? { subject } : {}) });
  return new Blob([content as BlobPart], { type: format.mediaType });
}
