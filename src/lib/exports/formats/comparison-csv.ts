/**
 * A static comparison of two sets as CSV, one row per difference (src/lib/compare/compare-csv.ts).
 * Its writer loads the comparison code when called, so that a page's own downloads, which share
 * this registry in the browser, do not fetch it.
 */
import type { DownloadFormat } from './download-format.ts';

export const comparisonCsvFormat = {
  id: 'compare',
  label: 'Comparison (CSV)',
  linkText: 'CSV',
  mediaType: 'text/csv;charset=utf-8',
  suffix: '.csv',
  spansSets: false,
  listed: true,
  purpose: 'Every difference between the two sets, one row each.',
  scopes: {
    compare: { write: async ({ comparison }) => (await import('../../compare/compare-csv.ts')).compareCsv(comparison) },
  },
} satisfies DownloadFormat;
