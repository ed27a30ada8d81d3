/**
 * A set's unified Mappings Explorer document (all, or a page's rows) as YAML 1.2, for people who
 * keep mappings in git: the same content as the JSON file, which `npm run data` reads back to
 * the same model. Browser-safe and pure.
 *
 * Safe to load: no anchors or aliases (a repeated list is written again), no tags, and every
 * string that a YAML 1.1 loader (PyYAML, older tools) would take for something else is quoted
 * (`yes`, `on`, `1_000`, `12:30`, `2024-08-20`), so 1.1 and 1.2 loaders read the same values.
 * No folding of long lines: a note is one scalar whose lines are the note's, so a change to it
 * is a change of those lines in a diff.
 */
import { Document, isScalar, visit } from 'yaml';
import { unifiedJsonOf, type ExportRow, type ExportSet } from '../export-formats.ts';
import { pageRowsOfOneSet, type DownloadFormat, type ResultTable } from './download-format.ts';

/** The format, for the registry of download formats. */
export const yamlFormat = {
  id: 'yaml',
  label: 'YAML',
  linkText: 'YAML',
  /** Made from the set's JSON and rows files: prebuilt for current sets only (MAPSCOPE_PREBUILD). */
  derived: true,
  mediaType: 'application/yaml',
  suffix: '.yaml',
  /** As the JSON file: one set per document. */
  spansSets: false,
  listed: true,
  purpose: 'The JSON document as YAML 1.2, for git and scripts.',
  scopes: {
    set: { write: ({ set, rows }) => yamlOf(set, rows) },
    page: {
      write: (input) => {
        const { set, rows } = pageRowsOfOneSet(input, 'YAML');
        return yamlOf(set, rows);
      },
    },
    result: { offers: (result) => result.rows.length > 0, write: (result) => toYaml(resultDocument(result)) },
  },
} satisfies DownloadFormat;

/** A result's table as a document: what it is, then one mapping per row, keyed by the CSV's columns. */
export function resultDocument(result: ResultTable): Record<string, unknown> {
  return {
    kind: result.name,
    title: result.title,
    ...(result.made ? { made_with: `Mapscope ${result.made.mapscopeVersion}`, built: result.made.buildDate } : {}),
    ...(result.about?.length ? { about: Object.fromEntries(result.about) } : {}),
    rows: result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i] ?? '']))),
  };
}

// Characters a loader may not take as written outside double quotes: a tab (PyYAML refuses it
// in a plain scalar), the line breaks YAML 1.1 counts (NEL, LS, PS), and what YAML does not allow
// raw in a stream at all (DEL, C1 controls, a BOM, non-characters, lone surrogates). The yaml
// library double-quotes such strings on request but writes the last kinds raw, so they are escaped.
const NEEDS_QUOTES = /[\t\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;
const RAW_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/gu;
const escapeChar = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** A value (plain data: objects, arrays, strings, numbers, booleans, null) as a YAML 1.2 document. */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.2', compat: 'yaml-1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && NEEDS_QUOTES.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  doc.directives!.yaml.explicit = true;
  // Every string holding such a character is double-quoted, where an escape stands for it.
  return doc.toString({ lineWidth: 0, directives: true }).replace(RAW_UNPRINTABLE, escapeChar);
}

/** The unified Mappings Explorer document of a set (or of some of its rows), as YAML 1.2. */
export function yamlOf(set: ExportSet, rows: readonly ExportRow[]): string {
  return toYaml(unifiedJsonOf(set, rows));
}
