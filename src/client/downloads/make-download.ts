/**
 * A page's own download, made in the browser: its mappings in one or more sets, read from each
 * set's unified JSON file and rows file (fetched once per page), in the format the menu names,
 * with the writer of the formats' registry that the build uses for every set's files
 * (src/lib/exports/formats/). Loaded on the first click (scoped-downloads.ts).
 */
import { formatById } from '../../lib/exports/formats/index.ts';
import { pageRowsBySet } from '../../lib/exports/formats/download-format.ts';
import { pageFile as pageFileOf, type PageFileRequest } from '../../lib/exports/page-downloads.ts';
import { loadSetFiles } from './set-files.ts';

/** A page's own file asked for by a link: its name and its sets. */
export const pageFile = (request: PageFileRequest) => pageFileOf(request, formatById);

/** The file's content, as a Blob of the format's type. */
export async function makeDownload(base: string, scope: string, formatId: string, setIds: readonly string[], subject?: string): Promise<Blob> {
  const format = formatById(formatId);
  const writer = format.scopes.page;
  if (!writer) throw new Error(`a page offers no ${format.label} file`);
  if (!setIds.length) throw new Error('the page names no set');
  const sets = await Promise.all(setIds.map((id) => loadSetFiles(base, id)));
  const input = { scope, sets };
  // An empty file would look like a page without mappings: say instead that the files disagree with the page.
  if (pageRowsBySet(input).every(({ rows }) => rows.length === 0))
    throw new Error(`the set files hold none of this page's mappings (${scope}); they may be of another build`);
  const content = await writer.write({ scope, sets, ...(subject !== undefined && format.namesSubject ? { subject } : {}) });
  return new Blob([content as BlobPart], { type: format.mediaType });
}
