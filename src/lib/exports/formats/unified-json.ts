/** The unified Mappings Explorer JSON file: a set's (its non-mappable entries included), or a page's rows of one set. */
import { unifiedJsonOf } from '../export-formats.ts';
import { jsonText, pageRowsOfOneSet, type DownloadFormat } from './download-format.ts';

export const unifiedJsonFormat = {
  id: 'json',
  label: 'JSON',
  linkText: 'JSON',
  mediaType: 'application/json',
  suffix: '.json',
  spansSets: false,
  listed: true,
  purpose: 'The Mappings Explorer JSON format, for tools that read it.',
  scopes: {
    set: { write: ({ set, rows }) => jsonText(unifiedJsonOf(set, rows)) },
    page: {
      write: (input) => {
        const { set, rows } = pageRowsOfOneSet(input, 'json');
        return jsonText(unifiedJsonOf(set, rows));
      },
    },
  },
} satisfies DownloadFormat;
