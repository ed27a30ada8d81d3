/**
 * The download formats, in the order pages list them: the one list the build plans its files
 * from (src/lib/exports/site-downloads.ts), pages draw their download tables and menus from
 * (src/lib/exports/download-table.ts, download-menu.ts) and the browser makes a page's own files with
 * (src/client/downloads/). A new format is a module here exporting its descriptor
 * (./download-format.ts), added to this list.
 */
import { comparisonCsvFormat } from './comparison-csv.ts';
import { csvFormat } from './csv.ts';
import type { DownloadFormat } from './download-format.ts';
import { gapsCsvFormat } from './gaps-csv.ts';
import { navigatorLayerFormat } from './navigator-layer.ts';
import { nonMappableCsvFormat } from './non-mappable-csv.ts';
import { rowsFileFormat } from './rows-file.ts';
import { stixFormat } from './stix-bundle.ts';
import { unifiedJsonFormat } from './unified-json.ts';
import { xlsxFormat } from './xlsx.ts';
import { yamlFormat } from './yaml.ts';

export type { DownloadFormat } from './download-format.ts';

export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = [
  csvFormat,
  xlsxFormat,
  unifiedJsonFormat,
  yamlFormat,
  navigatorLayerFormat,
  stixFormat,
  nonMappableCsvFormat,
  gapsCsvFormat,
  rowsFileFormat,
  comparisonCsvFormat,
];

/** The format of an id (a manifest entry's, a link's data-format), from the formats given. */
export function formatById(id: string, formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS): DownloadFormat {
  const format = formats.find((f) => f.id === id);
  if (!format) throw new Error(`unknown download format ${JSON.stringify(id)} (known: ${formats.map((f) => f.id).join(', ')})`);
  return format;
}
