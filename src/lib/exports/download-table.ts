/**
 * A page's download table (src/components/Downloads.astro), from its rows of the manifest
 * (src/lib/site/download-files.ts) and the formats' registry: a column per format the rows
 * offer, in the registry's order. A set page's cells link its whole files, with their sizes. A
 * technique, capability or group page's cells are its own files, made in the browser: each link
 * gives its set's whole file without JavaScript, says its format (data-format) for the script,
 * and counts the mappings the page's file holds.
 */
import { plural } from '../core/id-breaks.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from './formats/index.ts';
import { fileNames } from './page-downloads.ts';
import { formatBytes, type DownloadFile } from './site-downloads.ts';

/** The files of one row: one set's, or (setId null) a page's across its sets. */
export interface DownloadTableRow {
  setId: string | null;
  files: readonly DownloadFile[];
}

export interface DownloadCell {
  /** The file the link gives, in the downloads folder. */
  path: string;
  /** A page's own file's format, for the script that makes it (its data-format); none for a whole set's file. */
  makes?: string;
  /** "Layer" */
  text: string;
  /** "6 mappings", "2.2 KB" */
  note: string;
  /** A prebuilt layer's "Open in ATT&CK Navigator" link, when the site knows its public origin. */
  navigator?: string;
  /** A page's own file whose set has no prebuilt whole file in its format (a superseded set's YAML): the link has no file to give without JavaScript. */
  noFallback?: boolean;
  /** A superseded set's derived file (YAML, STIX, Excel), not prebuilt: its format's id; the browser makes it on click under its path's name. */
  onClick?: string;
}

/** The public ATT&CK Navigator, which opens a layer from its URL (the host must allow the cross-origin read). */
export const NAVIGATOR = 'https://mitre-attack.github.io/attack-navigator/';

/** The Navigator link of a layer at an absolute URL. */
export const navigatorLink = (layerUrl: string) => `${NAVIGATOR}#layerURL=${encodeURIComponent(layerUrl)}`;

export interface DownloadTableOptions {
  /** The site's public origin ("https://example.org"), when known: prebuilt layers then get a Navigator link. */
  origin?: string | null;
  /** The absolute path of a file in the downloads folder ("/mapscope/downloads/x_layer.json"). */
  fileHref?: (path: string) => string;
  /** Whether the build wrote a file of the downloads folder; every file, when not given. */
  prebuilt?: (path: string) => boolean;
}

export interface DownloadTable<Row extends DownloadTableRow> {
  /** The formats some row offers. */
  columns: DownloadFormat[];
  /** Whether the files are a page's own (made in the browser). */
  scoped: boolean;
  /** The formats of a set's files that the browser makes on click (a superseded set's derived files); empty when all are prebuilt. */
  onClick: DownloadFormat[];
  /** For a page's own files: the name of its all-sets file, the stem of its per-set files and the subject a layer names. */
  allSets?: string;
  stem?: string;
  subject?: string;
  rows: {
    row: Row;
    /** The all-sets row of a page's own files (shown only with JavaScript). */
    all: boolean;
    /** This row's subject, where it differs from the table's. */
    subject?: string;
    /** One per column; null where the row has no such file. */
    cells: (DownloadCell | null)[];
  }[];
}

/** The table of a page's download rows. */
export function downloadTable<Row extends DownloadTableRow>(
  rows: readonly Row[],
  formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS,
  options: DownloadTableOptions = {},
): DownloadTable<Row> {
  const origin = options.origin ? options.origin.replace(/\/+$/, '') : null;
  const href = options.fileHref ?? ((path: string) => `/downloads/${path}`);
  const columns = formats.filter((f) => f.listed && rows.some((r) => r.files.some((file) => file.format === f.id)));
  const scoped = rows.some((r) => r.files.some((f) => f.scoped));
  const setIds = rows.map((r) => r.setId).filter((id): id is string => id !== null);
  const formatOf = (file: DownloadFile) => formats.find((f) => f.id === file.format);
  const stemOf = (row: Row) => {
    const file = row.setId ? row.files.find((f) => f.scoped) : undefined;
    const format = file && formatOf(file);
    return file && format && row.setId ? file.path.slice(row.setId.length + 1, file.path.length - format.suffix.length) : undefined;
  };
  const subjectOf = (row: Row) => row.files.find((f) => f.scoped?.subject !== undefined)?.scoped?.subject;
  const subject = scoped ? rows.map(subjectOf).find((s) => s !== undefined) : undefined;
  return {
    columns,
    scoped,
    onClick: columns.filter((f) => rows.some((r) => r.files.some((file) => file.format === f.id && file.onClick))),
    ...(scoped ? { allSets: rows.find((r) => r.setId === null)?.files[0]?.path, stem: rows.map(stemOf).find((s) => s !== undefined), subject } : {}),
    rows: rows.map((row) => {
      const own = subjectOf(row);
      return {
        row,
        all: row.setId === null && scoped,
        ...(own !== subject ? { subject: own } : {}),
        cells: columns.map((format) => {
          const file = row.files.find((f) => f.format === format.id);
          if (!file) return null;
          if (file.onClick) return { path: file.path, text: format.linkText, note: plural(file.onClick.rows, 'mapping'), onClick: format.id };
          const whole = fileNames.wholeSet(format, row.setId ?? setIds[0]!);
          return file.scoped
            ? {
                path: whole,
                makes: format.id,
                text: format.linkText,
                note: plural(file.scoped.rows, 'mapping'),
                ...(options.prebuilt && !options.prebuilt(whole) ? { noFallback: true } : {}),
              }
            : {
                path: file.path,
                text: format.linkText,
                note: formatBytes(file.bytes ?? 0),
                ...(origin && format.opensInNavigator ? { navigator: navigatorLink(`${origin}${href(file.path)}`) } : {}),
              };
        }),
      };
    }),
  };
}
