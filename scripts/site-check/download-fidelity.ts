/**
 * Download fidelity: does every row of every download say what its source file says? Each set's
 * CSV, JSON and non-mappable CSV (and each page's all-sets CSV) is read back and compared, field
 * by field, with the objects of the set's source files, read raw (no trimming, no case folding).
 * A difference is "warned" when a warning of the build names that object and field (a repaired
 * reference, listed on /data-quality/); any other difference is a change of the source's text.
 *
 * Rows are paired without the model's help: by capability key, technique, score and comment
 * words, then, among rows that share those, by fewest differing fields. Source objects left
 * unpaired are dropped duplicates when they are identical in every field to a paired object of
 * the set, missing rows otherwise.
 *
 * Format rules the comparison applies (the download formats' documented conventions, docs/site.md
 * "Downloads"): a missing value, null, "" and [] are one "no value"; the CSV writes a group's
 * label and a type's name where the unified JSON writes their keys (a type by its id); the JSON
 * writes participant_review as in_progress; references are a JSON array in a download's CSV cell
 * (a source's may be a Python list); a formula guard quote is undone; a source row without a
 * status is not compared on it (the reader reads it as complete or non-mappable).
 */
import Papa from 'papaparse';
import { parseCsvTable } from '../../src/lib/io/csv-table.ts';
import { formatLocation } from '../../src/lib/core/locations.ts';
import { parseReferenceCell } from '../../src/lib/ingest/references.ts';
import { capabilityKey, normalizeAttackVersion, normalizeFrameworkId, normalizeFrameworkVersion, normalizeWhitespace } from '../../src/lib/core/ids.ts';
import { setIdFor } from '../../src/lib/model/slugs.ts';
import type { Model } from '../../src/lib/model/schema.ts';
import { restoreCell } from '../../src/lib/exports/spreadsheet-cells.ts';

type Value = string | string[] | null;
/** A row as a flat record of comparable fields. */
type RowView = Record<string, Value>;

/** A source object: its fields, and where it is (as warnings name it: "file#/pointer", "file:line"). */
interface SourceRow {
  at: string;
  view: RowView;
}

/** Fields of a mapping object. */
const OBJECT_FIELDS = [
  'capability_id',
  'capability_description',
  'attack_object_id',
  'attack_object_name',
  'score_category',
  'score_value',
  'related_score',
  'comments',
  'references',
  'status',
] as const;
/** Fields a row takes from its set unless it gives its own. */
const SET_FIELDS = [
  'mapping_framework',
  'mapping_framework_version',
  'attack_version',
  'technology_domain',
  'organization',
  'creation_date',
  'last_update',
] as const;
/**
 * What a JSON side compares besides: the key its group is written by. (A type's key is not: the
 * files name a type by its id, "technique_scores", and declare it with the set's name, which is
 * compared; a source may key it otherwise, by an opaque id.)
 */
const KEY_FIELDS = ['capability_group_key'] as const;
/** Resolved to words on every side: the group's label and the type's name. */
const WORD_FIELDS = ['capability_group', 'mapping_type'] as const;

export type DownloadKind = 'csv' | 'json' | 'non-mappable' | 'all-sets';

export interface FieldCount {
  differences: number;
  /** Differences a warning names (repairs listed on /data-quality/). */
  warned: number;
  /** A few differences, to look at. */
  examples: { file: string; at: string; source: Value; download: Value }[];
}

export interface FidelityReport {
  files: number;
  rows: number;
  /** Differences by download kind, then field. */
  fields: Record<string, FieldCount>;
  /** Source objects no download row stands for (other than dropped duplicates), by kind. */
  missingRows: number;
  /** Download rows that no source object stands for. */
  extraRows: number;
  /** Source objects identical to another of their set, which the set lists as duplicates. */
  duplicates: number;
}

/** What the checker reads: the model (sets, their sources, warnings), the source files and the downloads, by name. */
export interface FidelityInput {
  model: Model;
  /** Source file text by the name the model gives it (Model.sets[].sources). */
  sources: ReadonlyMap<string, string>;
  /** Download file text by file name. */
  downloads: ReadonlyMap<string, string>;
}

/** The set a row's own set fields name (as the reader places CSV rows), or null. */
function setIdOfFields(cells: Record<string, string | undefined>): string | null {
  const [framework, version, attack, domain] = (['mapping_framework', 'mapping_framework_version', 'attack_version', 'technology_domain'] as const).map((f) =>
    restoreCell(cells[f] ?? '').trim(),
  );
  const attackVersion = normalizeAttackVersion(attack);
  if (!framework || !version || !attackVersion || !domain) return null;
  return setIdFor(normalizeFrameworkId(framework), normalizeFrameworkVersion(version), attackVersion, domain.toLowerCase());
}

const EMPTY = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const asValue = (v: unknown): Value => (EMPTY(v) ? null : Array.isArray(v) ? v.map((x) => String(x)) : String(v));
const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

/** The unified file's group label and type name for a row's keys. */
function words(metadata: Record<string, unknown>, group: Value, type: Value): { group: Value; type: Value } {
  const groups = (metadata['capability_groups'] ?? metadata['groups'] ?? {}) as Record<string, unknown>;
  const types = (metadata['mapping_types'] ?? {}) as Record<string, { name?: unknown } | undefined>;
  const label = typeof group === 'string' && !Array.isArray(groups) ? asValue(groups[group]) : null;
  const name = typeof type === 'string' && !Array.isArray(types) ? asValue(types[type]?.name) : null;
  return { group: label ?? group, type: name ?? type };
}

/** A unified-format object as a row view. */
function jsonRow(object: Record<string, unknown>, metadata: Record<string, unknown>): RowView {
  const view: RowView = {};
  for (const f of OBJECT_FIELDS) view[f] = asValue(object[f]);
  for (const f of SET_FIELDS) view[f] = asValue(object[f] ?? metadata[f]);
  const type = Array.isArray(object['mapping_type']) ? asValue(object['mapping_type'][0]) : asValue(object['mapping_type']);
  view['capability_group_key'] = asValue(object['capability_group'] ?? object['group']);
  view['mapping_type_key'] = type;
  const w = words(metadata, view['capability_group_key'] ?? null, type);
  view['capability_group'] = w.group;
  view['mapping_type'] = w.type;
  return view;
}

/** A CSV row (cells by column) as a row view; a source CSV's group and type may be keys of its set's metadata. */
function csvRow(cells: Record<string, string>, metadata: Record<string, unknown> | null, source = false): RowView {
  const view: RowView = {};
  const cell = (column: string) => {
    const raw = cells[column];
    return raw === undefined ? null : asValue(restoreCell(raw));
  };
  const textCell = (column: string): string | null => {
    const value = cell(column);
    return typeof value === 'string' ? value : null;
  };
  for (const f of [...OBJECT_FIELDS, ...SET_FIELDS]) view[f] = cell(f);
  const references = textCell('references');
  view['references'] = references === null ? null : source ? sourceReferences(references) : parseReferences(references);
  const group = cell(cells['capability_group'] === undefined ? 'group' : 'capability_group');
  const w = metadata ? words(metadata, group, cell('mapping_type')) : { group, type: cell('mapping_type') };
  view['capability_group'] = w.group;
  view['mapping_type'] = w.type;
  return view;
}

/** A references cell: a JSON array as the downloads write it, else the cell as it is. */
function parseReferences(cell: string): Value {
  try {
    const parsed: unknown = JSON.parse(cell);
    if (Array.isArray(parsed)) return parsed.length ? parsed.map((x) => String(x)) : null;
  } catch {
    // Not JSON: compared as written.
  }
  return [cell];
}

/** A source CSV's references cell, split as the reader splits it (a JSON or Python list, or URLs separated by spaces). */
function sourceReferences(cell: string): Value {
  const parsed = parseReferenceCell(cell);
  if (!parsed.ok) return [cell];
  return parsed.references.length ? parsed.references.map((x) => String(x)) : null;
}

/** What two rows are paired by: the capability, the technique, the score and the comment's words. */
function pairKey(view: RowView): string {
  const text = (v: Value) => (typeof v === 'string' ? normalizeWhitespace(v).toLowerCase() : '');
  return JSON.stringify([
    typeof view['capability_id'] === 'string' ? capabilityKey(view['capability_id']) : '',
    text(view['attack_object_id'] ?? null),
    text(view['score_category'] ?? null),
    text(view['score_value'] ?? null),
    text(view['comments'] ?? null),
  ]);
}

/** The fields one download kind is compared on. */
function fieldsOf(kind: DownloadKind, sourceIsJson: boolean): readonly string[] {
  const base = [...OBJECT_FIELDS, ...WORD_FIELDS, ...SET_FIELDS];
  return kind === 'json' && sourceIsJson ? [...base, ...KEY_FIELDS] : base;
}

/** The value a download of this kind should hold for a source field. */
function expected(kind: DownloadKind, field: string, value: Value): Value {
  if (kind === 'json' && field === 'status' && value === 'participant_review') return 'in_progress';
  return value;
}

// A source row without a status is read as complete (or non-mappable): the download says which.
const differingFields = (a: RowView, b: RowView, fields: readonly string[], kind: DownloadKind) =>
  fields.filter((f) => !(f === 'status' && a[f] == null) && !same(expected(kind, f, a[f] ?? null), b[f] ?? null));

interface SetSource {
  rows: SourceRow[];
  metadata: Record<string, unknown>;
  /** Whether every object comes from a unified JSON file (then group and type keys compare too). */
  json: boolean;
}

/** Each set's source objects, read raw from its files. */
function sourcesBySet(input: FidelityInput): Map<string, SetSource> {
  const bySet = new Map<string, SetSource>();
  const setOf = (id: string) => bySet.get(id) ?? bySet.set(id, { rows: [], metadata: {}, json: true }).get(id)!;
  const jsonFiles = new Map<string, string>();
  for (const set of input.model.sets) for (const file of set.sources) if (!file.toLowerCase().endsWith('.csv')) jsonFiles.set(file, set.id);
  // Metadata first: CSV rows of a set meet the group and type keys its JSON file declares.
  const parsed = new Map<string, { metadata: Record<string, unknown>; objects: unknown[]; key: string }>();
  for (const [file, setId] of jsonFiles) {
    const text = input.sources.get(file);
    if (text === undefined) throw new Error(`source file ${file} was not given to the checker`);
    const top = JSON.parse(text) as Record<string, unknown>;
    const key = 'mapping_objects' in top ? 'mapping_objects' : 'attack_objects';
    const metadata = (top['metadata'] ?? {}) as Record<string, unknown>;
    parsed.set(file, { metadata, objects: (top[key] ?? []) as unknown[], key });
    const set = setOf(setId);
    for (const [k, v] of Object.entries(metadata)) if (set.metadata[k] === undefined) set.metadata[k] = v;
  }
  for (const [file, { metadata, objects, key }] of parsed) {
    const set = setOf(jsonFiles.get(file)!);
    objects.forEach((object, i) => {
      if (!object || typeof object !== 'object') return;
      set.rows.push({ at: `${file}#/${key}/${i}`, view: jsonRow(object as Record<string, unknown>, metadata) });
    });
  }
  const csvFiles = new Set(input.model.sets.flatMap((s) => s.sources.filter((f) => f.toLowerCase().endsWith('.csv'))));
  const known = new Set(input.model.sets.map((s) => s.id));
  for (const file of csvFiles) {
    const text = input.sources.get(file);
    if (text === undefined) throw new Error(`source file ${file} was not given to the checker`);
    const { table } = parseCsvTable(text.replace(/^\ufeff/, ''), file);
    const place = (setId: string, row: (typeof table.rows)[number]) => {
      const set = setOf(setId);
      set.json = false;
      set.rows.push({ at: `${file}:${row.line}`, view: csvRow(row.cells, set.metadata, true) });
    };
    // A row without a usable ATT&CK version goes, as the reader places it, to the one set of its framework release in the file.
    const inFile = new Set<string>();
    const unplaced: (typeof table.rows)[number][] = [];
    for (const row of table.rows) {
      const setId = setIdOfFields(row.cells);
      if (setId === null) unplaced.push(row);
      else if (known.has(setId)) {
        inFile.add(setId);
        place(setId, row);
      }
    }
    for (const row of unplaced) {
      const release = setIdOfFields({ ...row.cells, attack_version: '0' })?.replace(/_attack-0\.0-.*$/, '_attack-');
      const candidates = release ? [...inFile].filter((id) => id.startsWith(release)) : [];
      if (candidates.length === 1) place(candidates[0]!, row);
    }
  }
  return bySet;
}

/** The warned (source location, field) pairs: what the build says it repaired. */
function warnedFields(model: Model): Set<string> {
  const warned = new Set<string>();
  for (const w of model.warnings) {
    const field = w.field.replace(/\[\d+\]$/, '');
    for (const o of w.occurrences) warned.add(`${formatLocation(o.location)}\u0000${field}`);
  }
  return warned;
}

/** Rows of a download file. */
function downloadRows(kind: DownloadKind, text: string): RowView[] {
  if (kind === 'json') {
    const top = JSON.parse(text) as { metadata: Record<string, unknown>; mapping_objects: Record<string, unknown>[] };
    return top.mapping_objects.map((o) => jsonRow(o, top.metadata));
  }
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return parsed.data.map((cells) => csvRow(cells, null));
}

/** Compare every download with its source; the counts by kind and field. */
export function checkDownloadFidelity(input: FidelityInput, options: { examples?: number } = {}): FidelityReport {
  const keep = options.examples ?? 3;
  const bySet = sourcesBySet(input);
  const warned = warnedFields(input.model);
  const report: FidelityReport = { files: 0, rows: 0, fields: {}, missingRows: 0, extraRows: 0, duplicates: 0 };
  const count = (kind: DownloadKind, field: string, file: string, at: string, source: Value, download: Value) => {
    const entry = (report.fields[`${kind} ${field}`] ??= { differences: 0, warned: 0, examples: [] });
    entry.differences++;
    if (warned.has(`${at}\u0000${field}`)) entry.warned++;
    else if (entry.examples.length < keep) entry.examples.push({ file, at, source, download });
  };

  /** Pair a download's rows with source rows and count what differs. */
  const compare = (kind: DownloadKind, file: string, rows: RowView[], source: SetSource, whole: boolean) => {
    const candidates = source.rows;
    report.files++;
    report.rows += rows.length;
    const fields = fieldsOf(kind, source.json);
    const buckets = new Map<string, SourceRow[]>();
    for (const s of candidates) {
      const list = buckets.get(pairKey(s.view));
      if (list) list.push(s);
      else buckets.set(pairKey(s.view), [s]);
    }
    const paired = new Set<SourceRow>();
    // Exact matches first, so that a row differing in one field does not take another's partner.
    const pending: RowView[] = [];
    for (const row of rows) {
      const match = buckets.get(pairKey(row))?.find((s) => !paired.has(s) && differingFields(s.view, row, fields, kind).length === 0);
      if (match) paired.add(match);
      else pending.push(row);
    }
    for (const row of pending) {
      let best: SourceRow | null = null;
      let bestCount = Infinity;
      for (const s of buckets.get(pairKey(row)) ?? []) {
        if (paired.has(s)) continue;
        const n = differingFields(s.view, row, fields, kind).length;
        if (n < bestCount) [best, bestCount] = [s, n];
      }
      if (!best) {
        report.extraRows++;
        if ((report.fields[`${kind} (row without source)`] ??= { differences: 0, warned: 0, examples: [] }).examples.length < keep) {
          report.fields[`${kind} (row without source)`]!.examples.push({ file, at: '', source: null, download: JSON.stringify(row).slice(0, 300) });
        }
        report.fields[`${kind} (row without source)`]!.differences++;
        continue;
      }
      paired.add(best);
      for (const f of differingFields(best.view, row, fields, kind)) count(kind, f, file, best.at, expected(kind, f, best.view[f] ?? null), row[f] ?? null);
    }
    // Identical in every field to a paired object of the set: a duplicate the reader dropped (also across a JSON file and its CSV export).
    const common = fieldsOf('csv', false);
    const duplicate = (s: SourceRow) =>
      (buckets.get(pairKey(s.view)) ?? []).some(
        (p) => paired.has(p) && (differingFields(s.view, p.view, common, 'csv').length === 0 || differingFields(p.view, s.view, common, 'csv').length === 0),
      );
    // A non-mappable file holds some of the set's objects: the others are in the set's whole files.
    for (const s of whole ? candidates : []) {
      if (paired.has(s)) continue;
      if (duplicate(s)) {
        if (kind === 'csv') report.duplicates++;
        continue;
      }
      report.missingRows++;
      const entry = (report.fields[`${kind} (source object without row)`] ??= { differences: 0, warned: 0, examples: [] });
      entry.differences++;
      if (entry.examples.length < keep) entry.examples.push({ file, at: s.at, source: null, download: null });
    }
  };

  for (const set of input.model.sets) {
    const source = bySet.get(set.id) ?? { rows: [], metadata: {}, json: true };
    for (const [kind, suffix] of [
      ['csv', '.csv'],
      ['json', '.json'],
      ['non-mappable', '_non-mappable.csv'],
    ] as const) {
      const name = `${set.id}${suffix}`;
      const text = input.downloads.get(name);
      if (text === undefined) continue;
      compare(kind, name, downloadRows(kind, text), source, kind !== 'non-mappable');
    }
  }

  // A page's all-sets CSV: each row must be a row of its own set's CSV, as that file writes it.
  const setRows = new Map<string, Map<string, number>>();
  for (const set of input.model.sets) {
    const text = input.downloads.get(`${set.id}.csv`);
    if (text === undefined) continue;
    const counts = new Map<string, number>();
    for (const line of Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1))
      counts.set(JSON.stringify(line), (counts.get(JSON.stringify(line)) ?? 0) + 1);
    setRows.set(set.id, counts);
  }
  for (const [name, text] of input.downloads) {
    if (!name.endsWith('_all-sets.csv')) continue;
    report.files++;
    const [header, ...lines] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const column = (line: string[], c: string) => line[header!.indexOf(c)] ?? '';
    for (const line of lines) {
      report.rows++;
      const setId = setIdOfFields({
        mapping_framework: column(line, 'mapping_framework'),
        mapping_framework_version: column(line, 'mapping_framework_version'),
        attack_version: column(line, 'attack_version'),
        technology_domain: column(line, 'technology_domain'),
      });
      if (setId !== null && setRows.get(setId)?.has(JSON.stringify(line))) continue;
      const entry = (report.fields["all-sets (row not in its set's CSV)"] ??= { differences: 0, warned: 0, examples: [] });
      entry.differences++;
      if (entry.examples.length < keep) entry.examples.push({ file: name, at: setId ?? '', source: null, download: line.join(',').slice(0, 300) });
    }
  }
  return report;
}

/** The differences no warning explains. */
export function unwarnedDifferences(report: FidelityReport): number {
  return Object.values(report.fields).reduce((n, f) => n + f.differences - f.warned, 0);
}

/** The report as lines of text: one per kind and field with differences. */
export function formatFidelityReport(report: FidelityReport): string[] {
  const lines = [
    `${report.files} download files, ${report.rows} rows compared with their sources; ${report.duplicates} exact duplicates left out (listed on their set pages)`,
  ];
  const entries = Object.entries(report.fields).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) lines.push('No differences.');
  for (const [field, f] of entries) {
    lines.push(`  ${field}: ${f.differences} differences${f.warned ? ` (${f.warned} warned repairs)` : ''}`);
    for (const e of f.examples) lines.push(`      ${e.at || e.file}: source ${JSON.stringify(e.source)} -> download ${JSON.stringify(e.download)}`);
  }
  lines.push(`Unwarned differences: ${unwarnedDifferences(report)}`);
  return lines;
}
