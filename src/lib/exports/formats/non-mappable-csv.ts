/** A set's non-mappable entries alone, as CSV (the set's CSV and JSON files hold them too). */
import { csvOf } from '../export-formats.ts';
import type { DownloadFormat, WholeSet } from './download-format.ts';

const nonMappables = ({ rows }: WholeSet) => rows.filter((r) => !r.mapping);

export const nonMappableCsvFormat = {
  id: 'non-mappable',
  label: 'Non-mappable (CSV)',
  linkText: 'CSV',
  mediaType: 'text/csv;charset=utf-8',
  suffix: '_non-mappable.csv',
  spansSets: true,
  listed: true,
  purpose: "The set's entries that map to no technique.",
  scopes: {
    set: {
      offers: (input) => nonMappables(input).length > 0,
      write: (input) => csvOf(nonMappables(input).map((row) => ({ set: input.set, row }))),
    },
  },
} satisfies DownloadFormat;
