/**
 * A set page's download table (src/components/Downloads.astro), from its rows of the manifest
 * (src/lib/site/download-files.ts) and the formats' registry: a column per format the rows
 * offer, in the registry's order, each cell a whole file written by the build, with its size, or
 * (a superseded set's derived files, a comparison's) one the browser makes on click, with its
 * mapping count.
 * A technique, capability or group page's own files are a menu instead (./download-menu.ts).
 */
import { plural } from '../core/id-breaks.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from './formats/index.ts';
import { formatBytes, type DownloadFile } from './site-downloads.ts';

/** The files of one row: one set's. */
export interface DownloadTableRow {
  setId: string | null;
  files: readonly DownloadFile[];
}

export interface DownloadCell {
  /** The file the link gives, in the downloads folder. */
  path: string;
  /** "Layer" */
  text: string;
  /** "2.2 KB" */
  note: string;
  /** A prebuilt layer's "Open in ATT&CK Navigator" link, when the site knows its public origin. */
  navigator?: string;
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
}

export interface DownloadTable<Row extends DownloadTableRow> {
  /** The formats some row offers. */
  columns: DownloadFormat[];
  /** The formats of a set's files that the browser makes on click (a superseded set's derived files); empty when all are prebuilt. */
  onClick: DownloadFormat[];
  rows: {
    row: Row;
    /** One per column; null where the row has no such file. */
    cells: (DownloadCell | null)[];
  }[];
}

/** The table of a set page's download rows (a page's own files, made in the browser, are left out). */
export function downloadTable<Row extends DownloadTableRow>(
  rows: readonly Row[],
  formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS,
  options: DownloadTableOptions = {},
): DownloadTable<Row> {
  const origin = options.origin ? options.origin.replace(/\/+$/, '') : null;
  const href = options.fileHref ?? ((path: string) => `/downloads/${path}`);
  const whole = rows.map((row) => ({ row, files: row.files.filter((f) => !f.scoped) })).filter((r) => r.files.length > 0);
  const columns = formats.filter((f) => f.listed && whole.some((r) => r.files.some((file) => file.format === f.id)));
  return {
    columns,
    onClick: columns.filter((f) => whole.some((r) => r.files.some((file) => file.format === f.id && file.onClick))),
    rows: whole.map(({ row, files }) => ({
      row,
      cells: columns.map((format) => {
        const file = files.find((f) => f.format === format.id);
        if (!file) return null;
        if (file.onClick) return { path: file.path, text: format.linkText, note: plural(file.onClick.rows, 'mapping'), onClick: format.id };
        return {
          path: file.path,
          text: format.linkText,
          note: formatBytes(file.bytes ?? 0),
          ...(origin && format.opensInNavigator ? { navigator: navigatorLink(`${origin}${href(file.path)}`) } : {}),
        };
      }),
    })),
  };
}
