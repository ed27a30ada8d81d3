/** The CSV export (the published Mappings Explorer columns, and status): a set's, or a page's rows across all its sets, each row naming its set. */
import { csvOf } from '../export-formats.ts';
import { pageRowsBySet, type DownloadFormat } from './download-format.ts';

export const csvFormat = {
  id: 'csv',
  label: 'CSV',
  linkText: 'CSV',
  mediaType: 'text/csv;charset=utf-8',
  suffix: '.csv',
  spansSets: true,
  listed: true,
  purpose: 'For spreadsheets and scripts: the published Mappings Explorer columns.',
  scopes: {
    set: { write: ({ set, rows }) => csvOf(rows.map((row) => ({ set, row }))) },
    page: { write: (input) => csvOf(pageRowsBySet(input).flatMap(({ set, rows }) => rows.map((row) => ({ set, row })))) },
  },
} satisfies DownloadFormat;
