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
  /** A page's own file of one set: `<set id>_<page stem><suffix>` ("…_capability-ac-4_layer.json"). */
  pageOfSet: (format: Suffixed, setId: string, stem: string) => `${setId}_${stem}${format.suffix}`,
  /** A page's file across its sets: `<page name>_all-sets<suffix>` ("nist_800_53_capability-ac-4_all-sets.csv"). */
  pageAllSets: (format: Suffixed, name: string) => `${name}${ALL_SETS}${format.suffix}`,
  /** The page name in the name of one of its all-sets files. */
  pageOfAllSets: (file: string) => file.slice(0, file.lastIndexOf(ALL_SETS)),
};

/** What a page's download menu asks for: a format, and one set's file or (set null) the file across the page's sets. */
export interface PageFileRequest {
  format: string;
  /** The set chosen; null for all the page's sets. */
  set: string | null;
  /** The page's sets, for a file across them. */
  sets: readonly string[];
  /** The page's name in its all-sets files ("nist_800_53_capability-ac-4"), and its stem in per-set files ("capability-ac-4"). */
  name: string;
  stem: string;
}

type Named = Pick<DownloadFormat, 'suffix' | 'spansSets' | 'label'>;

/** A page's own file: its name, and the sets it holds (`formatById`: the registry's, src/lib/exports/formats/index.ts). */
export function pageFile(request: PageFileRequest, formatById: (id: string) => Named): { name: string; sets: string[] } {
  const format = formatById(request.format);
  if (request.set !== null) return { name: fileNames.pageOfSet(format, request.set, request.stem), sets: [request.set] };
  if (!format.spansSets) throw new Error(`a ${format.label} file holds one set: choose a set in the menu`);
  if (!request.sets.length) throw new Error('the page names no set');
  return { name: fileNames.pageAllSets(format, request.name), sets: [...request.sets] };
}
