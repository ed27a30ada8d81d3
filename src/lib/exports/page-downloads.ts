/**
 * A page's own downloads (a technique's, capability's or group's rows), made from the files
 * every set has: its unified JSON file and its rows file (formats/rows-file.ts), which says for
 * each mapping object its CSV status and the pages it belongs to. The build and the browser
 * make them with the same writers (formats/), so a file made in the browser is the file the
 * build would have written; here are the pages' keys and the names of their files.
 */
import type { ExportRow, ExportSet } from './export-formats.ts';
import type { DownloadFormat } from './formats/download-format.ts';

/** Keys of the pages that offer downloads. */
export const scopeKey = {
  set: (setId: string) => `set:${setId}`,
  technique: (id: string) => `technique:${id}`,
  capability: (id: string) => `capability:${id}`,
  group: (id: string) => `group:${id}`,
};

/** A row of a set with the pages it belongs to. */
export interface ScopedRow extends ExportRow {
  scopes: readonly string[];
}

/** A set's rows, ready for its pages' files. */
export interface LoadedSet {
  set: ExportSet;
  rows: ScopedRow[];
}

const ALL_SETS = '_all-sets';
type Suffixed = Pick<DownloadFormat, 'suffix'>;

/** The names of the download files, all in one folder. */
export const fileNames = {
  /** A set's whole file: `<set id><suffix>` ("nist_800_53-rev5_attack-8.2-enterprise_layer.json"). */
  wholeSet: (format: Suffixed, setId: string) => `${setId}${format.suffix}`,
  /** The set of a whole file of the format. */
  setOf(format: Suffixed, file: string): string {
    if (!file.endsWith(format.suffix)) throw new Error(`${file} is not a file ending in ${format.suffix}`);
    return file.slice(0, file.length - format.suffix.length);
  },
  /** A page's own file of one set: `<set id>_<page stem><suffix>` ("…_capability-ac-4_layer.json"). */
  pageOfSet: (format: Suffixed, setId: string, stem: string) => `${setId}_${stem}${format.suffix}`,
  /** A page's file across its sets: `<page name>_all-sets<suffix>` ("nist_800_53_capability-ac-4_all-sets.csv"). */
  pageAllSets: (format: Suffixed, name: string) => `${name}${ALL_SETS}${format.suffix}`,
  /** The page name in the name of one of its all-sets files. */
  pageOfAllSets: (file: string) => file.slice(0, file.lastIndexOf(ALL_SETS)),
};

/** What a link of a page's download table asks for (its data-format, and what its href and its table say). */
export interface PageFileRequest {
  format: string;
  /** The file the link gives without JavaScript: its set's whole file. */
  file: string;
  /** The page's stem for per-set files ("capability-ac-4"). */
  stem: string;
  /** For the all-sets row: the name of the page's all-sets file (in any format), and one whole file per set of the rows below it, with its format. */
  allSets?: { name: string; files: readonly { format: string; file: string }[] };
}

/** A page's own file: its name, and the sets it holds (`formatById`: the registry's, src/lib/exports/formats/index.ts). */
export function pageFile(request: PageFileRequest, formatById: (id: string) => Suffixed): { name: string; sets: string[] } {
  const format = formatById(request.format);
  if (request.allSets) {
    return {
      name: fileNames.pageAllSets(format, fileNames.pageOfAllSets(request.allSets.name)),
      sets: request.allSets.files.map(({ format: id, file }) => fileNames.setOf(formatById(id), file)),
    };
  }
  const set = fileNames.setOf(format, request.file);
  return { name: fileNames.pageOfSet(format, set, request.stem), sets: [set] };
}
