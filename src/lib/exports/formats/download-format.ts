/**
 * What a download format is, for the registry (./index.ts): its names, its file's type and
 * suffix, and for each kind of page that offers it (a scope) the writer that makes its file.
 * The build plans every set's and comparison's files from the registry (src/lib/exports/site-downloads.ts),
 * pages list them (src/components/Downloads.astro), and the browser makes a page's own files
 * with the same writers (src/client/downloads/). Browser-safe: a writer that needs a large
 * library (the workbook's exceljs) loads it when called, and may return bytes or a promise.
 */
import type { Comparison } from '../../compare/diff-sets.ts';
import type { GapRow } from '../../views/attack-views.ts';
import type { ExportRow, ExportSet } from '../export-formats.ts';
import type { LoadedSet, ScopedRow } from '../page-downloads.ts';

/** A file's content: text (CSV, JSON) or bytes (a workbook). */
export type FileContent = string | Uint8Array;

/** What a writer gives: the content, or (for a writer that loads a library first) its promise. */
export type Written = FileContent | Promise<FileContent>;

/** A whole set, for its set page's files: every row (mappings, then non-mappable entries) and its gaps. */
export interface WholeSet extends LoadedSet {
  /** The active techniques of its ATT&CK version that none of its mappings names; null when the catalog lacks that version. */
  gaps: readonly GapRow[] | null;
}

/** A technique, capability or group page's own rows: its mappings in each of the sets given. */
export interface PageRows {
  /** The page's key (src/lib/exports/page-downloads.ts scopeKey). */
  scope: string;
  /** One set, or for a format that spans sets, every set of the page. */
  sets: readonly LoadedSet[];
  /** What the page is about as the set writes it ("T1046", "AC-4"), for a format that names it. */
  subject?: string;
}

/** A comparison of two sets (src/lib/compare/), for its page's file. */
export interface SetPair {
  comparison: Comparison;
}

/** A capability a result names, as a STIX bundle takes it. */
export interface ResultCapability {
  /** As its set spells it ("AC-4"). */
  id: string;
  /** Its name or description, when it has one. */
  name: string | null;
  frameworkId: string;
  /** The framework's version, when the result knows it. */
  frameworkVersion?: string;
  /** The set the capability counts with, when the result knows it. */
  setId?: string;
}

/** One link of a result between a capability and an ATT&CK technique, for a STIX relationship. */
export interface ResultRelation {
  capability: ResultCapability;
  techniqueId: string;
  /** The technique's ATT&CK STIX id (attack-pattern--…) in the result's ATT&CK version. */
  attackPatternId: string;
  /** The relationship's type, in STIX form ("related-to"). */
  relationshipType: string;
  /** Custom properties, each name starting x_mapscope_ (the threat weight, a change's kind). */
  properties?: Record<string, string | number>;
}

/**
 * A result a page computes and shows (the coverage builder's, a comparison's), for the files a
 * reader makes of it on click: its table (the CSV's columns and rows, every cell text) and, for a
 * STIX bundle, the links between capabilities and techniques it stands for.
 */
export interface ResultTable {
  /** The table's sheet name and the YAML document's kind: "Coverage", "Differences". */
  name: string;
  /** What the rows are, in a sentence, heading the About sheet and the YAML document. */
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  /** Columns of whole numbers (counts, weights), which a workbook holds as numbers so that they sort as such. */
  numberColumns?: readonly string[];
  /** Mapscope's version and the build date, when the page knows them. */
  made?: { mapscopeVersion: string; buildDate: string };
  /** Lines for the About sheet and the YAML document: what was chosen or compared. */
  about?: readonly [string, string][];
  /** The links a STIX bundle holds; absent when the result has none to give (a format then offers no bundle). */
  relations?: readonly ResultRelation[];
}

/** How a format writes the files of one scope. */
export interface ScopeWriter<Input> {
  /** Whether this input has such a file (a set without non-mappable entries has no such file); always, when absent. */
  offers?: (input: Input) => boolean;
  write: (input: Input) => Written;
}

export interface DownloadFormat {
  /** Stable id, in the manifest and in each link's data-format: "csv", "layer". */
  id: string;
  /** The format's name, heading its column in a set page's download table and its line in a page's download menu: "Navigator layer". */
  label: string;
  /** The text of its links: "Layer". */
  linkText: string;
  /** The file's media type, for a file made in the browser. */
  mediaType: string;
  /**
   * The file name's ending. A set's file is `<set id><suffix>`; a page's own file is
   * `<set id>_<page stem><suffix>`, or `<page name>_all-sets<suffix>` for a format that spans sets.
   */
  suffix: string;
  /** Whether one file may hold rows of several sets (each row naming its set): a page then offers one file across its sets. */
  spansSets: boolean;
  /** Whether a page's file names what the page is about (a layer's title: "T1046: <set>"). */
  namesSubject?: boolean;
  /** Whether ATT&CK Navigator opens its file (a layer): a prebuilt one gets an "Open in ATT&CK Navigator" link when the site knows its origin. */
  opensInNavigator?: boolean;
  /**
   * Whether its file is derived from a set's JSON and rows files (YAML, STIX, Excel), so that a
   * browser can make it on click: the build prebuilds it only for current sets (the newest ATT&CK
   * version of a framework version and domain) unless MAPSCOPE_PREBUILD=all; a superseded set's
   * and a static comparison's are made in the browser (src/client/downloads/made-downloads.ts).
   */
  derived?: boolean;
  /** Whether pages offer it as a download (false for a file only the browser reads, like the rows file). */
  listed: boolean;
  /** What it is for, in one sentence, under a set page's download table and on its line of a page's menu. */
  purpose?: string;
  /** The scopes that offer the format, each with its writer. */
  scopes: {
    /** A set page: the whole set, written by the build. */
    set?: ScopeWriter<WholeSet>;
    /** A technique, capability or group page: its own rows, made in the browser from the set files. */
    page?: ScopeWriter<PageRows>;
    /** A static comparison's page, written by the build. */
    compare?: ScopeWriter<SetPair>;
    /** A result made in the browser (the coverage builder's, a comparison picked on /compare/), written on click. */
    result?: ScopeWriter<ResultTable>;
  };
}

/** A JSON file as the downloads write it: compact, one line, a final newline. */
export const jsonText = (value: unknown) => `${JSON.stringify(value)}\n`;

/** A page's rows in each of its sets: its mappings only. */
export function pageRowsBySet(input: PageRows): { set: ExportSet; rows: ExportRow[] }[] {
  const inScope = (row: ScopedRow) => row.mapping && row.scopes.includes(input.scope);
  return input.sets.map(({ set, rows }) => ({ set, rows: rows.filter(inScope) }));
}

/** A page's rows in its one set, for a format whose file holds one set. */
export function pageRowsOfOneSet(input: PageRows, format: string): { set: ExportSet; rows: ExportRow[] } {
  if (input.sets.length !== 1) throw new Error(`a ${format} file holds one set, not ${input.sets.length}`);
  return pageRowsBySet(input)[0]!;
}
