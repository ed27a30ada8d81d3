/**
 * Reading input files: finding them, decoding them, recognizing what they are (a unified
 * Mappings Explorer JSON or YAML file, its CSV export, or a technique catalog) and validating each
 * record against the schema. Nothing here decides what the records mean; normalize.ts does.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { describeValue, excerpt, problemsFromZod, renameProblems, type DataProblem } from './problems.ts';
import { isCatalogFormat, parseCatalog } from '../attack/catalog.ts';
import { BASELINE_FORMAT, parseBaseline } from '../baselines/baseline-file.ts';
import { parseCsvBytes, parseCsvTable, type CsvRow, type CsvTable } from '../io/csv-table.ts';
import {
  decodeInput,
  DEFAULT_MAX_INPUT_BYTES,
  InputBudget,
  inspectPath,
  MAX_TEXT_BYTES,
  megabytes,
  notRegularProblem,
  otherEncoding,
  readInputBytes,
  shownPath,
  textTooLarge,
  type InputSource,
} from '../io/input-file.ts';
import { parseJsonText } from '../io/json-syntax.ts';
import { parseReferenceCell, repairReferences, type ReferenceRepair } from './references.ts';
import { restoreCell } from '../exports/spreadsheet-cells.ts';
import {
  mappingMetadataInput,
  mappingObjectInput,
  techniqueRowInput,
  type MappingMetadataInput,
  type MappingObjectInput,
  type TechniqueRowInput,
  type AttackCatalog,
  type BaselineFile,
  type SourceLocation,
} from '../model/schema.ts';
import { REQUIRED_CSV_COLUMNS, REQUIRED_TECHNIQUE_CSV_COLUMNS } from '../core/vocabulary.ts';
import type { WarningKind } from './rules/index.ts';
import { unknownColumn, unknownField } from './rules/field-unknown.ts';
import { unreadableReferenceCell } from './rules/reference-not-a-link.ts';
import { controlKeyProblem, hasControls, showControls, stripControls } from './rules/control-characters.ts';
import { capabilityKey, mappingTypeKey } from '../core/ids.ts';
import { isReservedKey, RESERVED_KEYS } from '../core/lookups.ts';

/** A change the reader made to a field of an object, for the build's warnings. */
export interface ReadRepair {
  kind: WarningKind;
  /** "references[2]" */
  field: string;
  /** The value as written, rendered for a person (quoted). */
  found: string;
  action: string;
}

/** A validated mapping object (JSON entry or CSV row), where it came from and what was mended. */
export interface ObjectRecord {
  location: SourceLocation;
  value: MappingObjectInput;
  /** The fields as the file writes them (untrimmed; a CSV's cells with their formula guard undone), for downloads. */
  raw: Readonly<Record<string, unknown>>;
  repairs: ReadRepair[];
}

/** A validated technique catalog row and where it came from. */
export interface TechniqueRecord {
  location: SourceLocation;
  value: TechniqueRowInput;
}

export type ParsedInput =
  | {
      kind: 'mapping-file';
      file: string;
      metadata: MappingMetadataInput;
      metadataLocation: SourceLocation;
      /** What the reader noticed in the metadata (fields it does not read). */
      metadataRepairs: ReadRepair[];
      objects: ObjectRecord[];
    }
  | { kind: 'mapping-table'; file: string; objects: ObjectRecord[] }
  | { kind: 'attack-catalog'; file: string; catalog: AttackCatalog }
  | { kind: 'baseline'; file: string; baseline: BaselineFile }
  | { kind: 'technique-table'; file: string; techniques: TechniqueRecord[] };

export interface ReadResult {
  inputs: ParsedInput[];
  problems: DataProblem[];
}

const INPUT_EXTENSIONS = new Set(['.json', '.csv', '.yaml', '.yml']);

/** Fields the reader knows, with the older names it accepts; anything else is reported, never silently dropped. */
const METADATA_FIELDS = new Set([...Object.keys(mappingMetadataInput.shape), 'groups']);
const OBJECT_FIELDS = new Set([...Object.keys(mappingObjectInput.shape), 'group']);

/** A warning for each field of `record` that is not in `known`. */
function unknownFields(record: Record<string, unknown>, known: ReadonlySet<string>, what: string): ReadRepair[] {
  return Object.keys(record)
    .filter((key) => !known.has(key))
    .map((key) => unknownField(hasControls(key) ? showControls(key) : key, describeValue(record[key]), what));
}

/** A file to read: its path, the name it goes by on pages, and the path messages show. */
export interface InputFile extends InputSource {
  name: string;
}

/**
 * The name of an input file on pages and in the model: its path relative to the working
 * directory when it lies inside it; else relative to the folder the user gave, under that
 * folder's own name ("mappings/x.json"), so that paths of the build machine never reach the
 * published site. Messages show the path itself (shownPath).
 */
export function inputName(file: string, given: string, cwd = process.cwd()): string {
  const posix = (p: string) => p.split(path.sep).join('/');
  const relative = path.relative(cwd, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return posix(relative);
  const root = path.resolve(given);
  return file === root ? path.basename(file) : posix(path.join(path.basename(root), path.relative(root, file)));
}

export interface ListOptions {
  /** Which files found in folders are read; default: *.json, *.csv, *.yaml and *.yml. */
  found?: (name: string) => boolean;
  /** The folder names are relative to (inputName); default the working folder. */
  cwd?: string;
}

/**
 * Expand files and folders (recursively, following symbolic links, each folder once) into the
 * sorted list of *.json, *.csv, *.yaml and *.yml files to read. A path that does not exist, a
 * broken link, a link loop, and a pipe, device or socket given or found under an input's name
 * are problems; only regular files are listed.
 */
export async function listInputFiles(paths: readonly string[], options: ListOptions = {}): Promise<{ files: InputFile[]; problems: DataProblem[] }> {
  const files = new Map<string, InputFile>();
  const problems: DataProblem[] = [];
  const visited = new Set<string>();
  const isInput = (name: string) => INPUT_EXTENSIONS.has(path.extname(name).toLowerCase());
  const isFound = options.found ?? isInput;
  const add = (full: string, given: string) => {
    if (!files.has(full)) files.set(full, { path: full, name: inputName(full, given, options.cwd), shown: shownPath(full) });
  };
  const walk = async (dir: string, given: string): Promise<void> => {
    const real = await realpath(dir).catch(() => dir);
    if (visited.has(real)) return; // a link back up the tree
    visited.add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        location: { file: shownPath(dir) },
        expected: 'a folder Mapscope may read',
        found: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `an error (${code ?? String(error)})`,
      });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === 'node_modules') continue;
      const full = path.resolve(dir, entry.name);
      if (entry.name.startsWith('.')) {
        // Hidden folders (.git) and what is not a data file (.DS_Store, an editor's lock link)
        // are passed over; a data file hidden by its name is not read, and said so.
        if (isFound(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isFile())))
          problems.push(hiddenFileProblem(shownPath(full), entry.name));
        continue;
      }
      let kind: Dirent | Stats = entry;
      let viaLink = false;
      if (entry.isSymbolicLink()) {
        const target = await inspectPath(full, shownPath(full), 'a link to a file or folder');
        if ('problem' in target) {
          problems.push(target.problem);
          continue;
        }
        kind = target.stats;
        viaLink = true;
      }
      if (kind.isDirectory()) await walk(full, given);
      else if (!isFound(entry.name)) continue;
      else if (kind.isFile()) add(full, given);
      else problems.push(notRegularProblem(shownPath(full), kind, viaLink));
    }
  };
  for (const given of paths) {
    const full = path.resolve(given);
    const shown = shownPath(full);
    const inspected = await inspectPath(full, shown, 'a data file or folder');
    if ('problem' in inspected) {
      problems.push(inspected.problem);
      continue;
    }
    const info = inspected.stats;
    if (info.isDirectory()) await walk(full, given);
    else if (!info.isFile()) problems.push(notRegularProblem(shown, info, inspected.viaLink));
    else if (isInput(full)) add(full, given);
    else {
      problems.push({
        location: { file: shown },
        expected: 'a .json, .csv or .yaml file',
        found: `a ${path.extname(full) || 'file without extension'}`,
      });
    }
  }
  return { files: [...files.values()], problems };
}

/**
 * A data file found in a folder under a name starting with "." (.old.csv, ..dots..csv, ._x.json
 * as macOS copies leave): not read, since such names are how files are hidden and left out, but
 * refused rather than passed over, so that no data is left out without a word. Given by name, such
 * a file is read like any other.
 */
function hiddenFileProblem(shown: string, name: string): DataProblem {
  return {
    location: { file: shown },
    expected: 'a data file whose name does not start with "." (rename it to have it read, or move it out of the data folder)',
    found: `the hidden file ${JSON.stringify(excerpt(name, 80))}`,
  };
}

/**
 * Read and parse every listed file, all within one budget of input; problems from all files
 * are collected, naming each file as the user gave it.
 */
export async function readInputFiles(files: readonly InputFile[], budget = new InputBudget(DEFAULT_MAX_INPUT_BYTES)): Promise<ReadResult> {
  const inputs: ParsedInput[] = [];
  const problems: DataProblem[] = [];
  for (const file of files) {
    const read = await readInputBytes(file, { budget, wholeText: !isCsv(file.path) });
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const result = parseInputFile(file.name, read.bytes);
    problems.push(...renameProblems(result.problems, file.name, file.shown));
    if (result.input) inputs.push(result.input);
  }
  return { inputs, problems };
}

const isCsv = (file: string) => path.extname(file).toLowerCase() === '.csv';

/**
 * Decode, recognize and validate one file's bytes. `file` is the name used in messages. A CSV
 * larger than one string holds is read in pieces; a JSON or YAML file that large is refused.
 */
export function parseInputFile(file: string, bytes: Uint8Array, options: { maxTextBytes?: number } = {}): { input?: ParsedInput; problems: DataProblem[] } {
  const maxTextBytes = options.maxTextBytes ?? MAX_TEXT_BYTES;
  const extension = path.extname(file).toLowerCase();
  if (bytes.length > maxTextBytes) {
    if (extension !== '.csv') return { problems: [textTooLarge(file, megabytes(bytes.length), maxTextBytes)] };
    const other = otherEncoding(bytes);
    if (other) return { problems: [{ location: { file }, expected: 'UTF-8 text', found: other }] };
    const read = parseCsvBytes(bytes, file, maxTextBytes);
    return 'problem' in read ? { problems: [...read.problems, read.problem] } : readCsvTable(file, read.table, read.problems);
  }
  const decoded = decodeInput(file, bytes);
  if ('problem' in decoded) return { problems: [decoded.problem] };
  const text = decoded.text;
  if (text.trim() === '') {
    return {
      problems: [{ location: { file }, expected: 'mapping data', found: 'an empty file' }],
    };
  }
  if (extension === '.csv') return parseCsvInput(file, text);
  if (extension === '.yaml' || extension === '.yml') return parseYamlInput(file, text);
  return parseJsonInput(file, text);
}

// ---------------------------------------------------------------------------------------------
// JSON: unified mapping files (and the legacy shapes still found in the public repository)
// ---------------------------------------------------------------------------------------------

function parseJsonInput(file: string, text: string): { input?: ParsedInput; problems: DataProblem[] } {
  const parsed = parseJsonText(file, text, 'valid JSON');
  if ('problem' in parsed) return { problems: [parsed.problem] };
  return parseDocument(file, text, parsed.data);
}

/**
 * A YAML file: the unified document as YAML (Mapscope's YAML download, or one written by hand),
 * read with the YAML 1.2 core schema unless the file declares another version, aliases capped.
 */
function parseYamlInput(file: string, text: string): { input?: ParsedInput; problems: DataProblem[] } {
  let data: unknown;
  try {
    data = parseYaml(text, { version: '1.2', uniqueKeys: true, maxAliasCount: 1000 });
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    const reason = (error as Error).message.replace(/ at line \d+, column \d+.*$/s, '');
    return {
      problems: [
        {
          location: line ? { file, line: line.line } : { file },
          expected: 'valid YAML',
          found: `a syntax error: ${reason}${line ? ` (column ${line.col})` : ''}`,
        },
      ],
    };
  }
  // The catalog and baseline readers take JSON text; the same data as JSON reads the same.
  return parseDocument(file, JSON.stringify(data) ?? '', data);
}

/** A parsed JSON or YAML document: a catalog, a baseline or a unified mapping file. */
function parseDocument(file: string, text: string, data: unknown): { input?: ParsedInput; problems: DataProblem[] } {
  const top = data as Record<string, unknown> | null;
  if (top && typeof top === 'object' && isCatalogFormat(top['format'])) {
    const read = parseCatalog(file, text);
    return read.catalog ? { input: { kind: 'attack-catalog', file, catalog: read.catalog }, problems: [] } : { problems: read.problems };
  }
  // A baseline (data/baselines/) among the data is read as one, not as a mapping file.
  if (top && typeof top === 'object' && top['format'] === BASELINE_FORMAT) {
    const read = parseBaseline(file, text);
    return read.baseline ? { input: { kind: 'baseline', file, baseline: read.baseline }, problems: [] } : { problems: read.problems };
  }
  if (top && typeof top === 'object' && !Array.isArray(top) && top['profile'] && typeof top['profile'] === 'object') {
    return {
      problems: [
        {
          location: { file },
          expected: 'a Mappings Explorer mapping file or a baseline (npm run baselines turns OSCAL profiles into baselines)',
          found: 'an OSCAL profile',
        },
      ],
    };
  }
  const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
  const objects = isRecord(top) ? (top['mapping_objects'] ?? top['attack_objects']) : undefined;
  const rawMetadata = isRecord(top) ? top['metadata'] : undefined;
  if (!isRecord(top) || (objects === undefined && rawMetadata === undefined)) {
    return {
      problems: [
        {
          location: { file },
          expected: 'a Mappings Explorer mapping file (an object with "metadata" and "mapping_objects")',
          found: describeTopLevel(data),
        },
      ],
    };
  }
  // A mapping file with a part of the wrong kind: said of that part.
  if (!Array.isArray(objects) || !isRecord(rawMetadata)) {
    const key = 'mapping_objects' in top || !('attack_objects' in top) ? 'mapping_objects' : 'attack_objects';
    return {
      problems: [
        ...(isRecord(rawMetadata) ? [] : [{ location: { file }, field: 'metadata', expected: 'an object', found: describeValue(rawMetadata) }]),
        ...(Array.isArray(objects) ? [] : [{ location: { file }, field: key, expected: 'a list', found: describeValue(objects) }]),
      ],
    };
  }
  const problems: DataProblem[] = [];
  const metadataLocation: SourceLocation = { file, pointer: '/metadata' };
  const metadataRepairs = unknownFields(rawMetadata as Record<string, unknown>, METADATA_FIELDS, 'metadata field');
  const cleanMetadata = stripControls(rawMetadata as Record<string, unknown>, metadataRepairs);
  const preparedMetadata = prepareMetadata(cleanMetadata);
  problems.push(...metadataMapProblems(file, cleanMetadata, preparedMetadata));
  const metadata = mappingMetadataInput.safeParse(preparedMetadata);
  if (!metadata.success) {
    problems.push(...problemsFromZod(metadata.error.issues, metadataLocation, preparedMetadata));
  }
  const key = top && 'mapping_objects' in top ? 'mapping_objects' : 'attack_objects';
  const records: ObjectRecord[] = [];
  objects.forEach((raw, index) => {
    const location: SourceLocation = { file, pointer: `/${key}/${index}` };
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ location, expected: 'a mapping object', found: describeValue(raw) });
      return;
    }
    const repairs = unknownFields(raw as Record<string, unknown>, OBJECT_FIELDS, 'field');
    const prepared = prepareJsonObject(raw as Record<string, unknown>, location, problems, repairs);
    const record = validateObject(prepared, location, problems, repairs);
    if (record) records.push(record);
  });
  if (!metadata.success) return { problems };
  return {
    input: { kind: 'mapping-file', file, metadata: metadata.data, metadataLocation, metadataRepairs, objects: records },
    problems,
  };
}

function describeTopLevel(data: unknown): string {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const keys = Object.keys(data);
    const shown = keys.slice(0, 5).map((k) => JSON.stringify(excerpt(k, 40)));
    const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
    return keys.length ? `an object with keys ${shown.join(', ')}${more}` : 'an empty object';
  }
  return describeValue(data);
}

/** "/metadata/mapping_types/a~1b" (RFC 6901). */
const pointerTo = (...parts: (string | number)[]) => parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * What the metadata maps hold that the reader cannot take: a key (an id) with a control
 * character, a mapping type or group id or name that is a name plain objects reserve
 * ("__proto__", "constructor": lost or mistaken in any object map), and groups given under both
 * names (groups, capability_groups) that disagree.
 */
function metadataMapProblems(file: string, raw: Record<string, unknown>, prepared: Record<string, unknown>): DataProblem[] {
  const problems: DataProblem[] = [];
  if (raw['groups'] !== undefined && raw['capability_groups'] !== undefined && JSON.stringify(raw['groups']) !== JSON.stringify(raw['capability_groups'])) {
    problems.push({
      location: { file, pointer: '/metadata/groups' },
      field: 'groups',
      expected: 'the groups once, under capability_groups (groups is its older name)',
      found: 'both groups and capability_groups, holding different groups',
    });
  }
  const maps = [
    ['mapping_types', 'mapping type', mappingTypeKey],
    ['capability_groups', 'capability group', capabilityKey],
  ] as const;
  for (const [name, what, fold] of maps) {
    const map = prepared[name];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    const written = raw[name] ?? (name === 'capability_groups' ? raw['groups'] : undefined);
    const asList = Array.isArray(written);
    for (const key of Object.keys(map)) {
      // The legacy list form ([{id, name}]) has no key to point at: its list is named.
      const location: SourceLocation = { file, pointer: asList ? pointerTo('metadata', name) : pointerTo('metadata', name, key) };
      if (hasControls(key)) problems.push(controlKeyProblem(location, name, key));
      const value = (map as Record<string, unknown>)[key];
      const label = name === 'mapping_types' ? (value as { name?: unknown } | null)?.name : value;
      if (isReservedKey(key, fold(key))) problems.push(reservedProblem(location, name, what, 'id', key));
      else if (typeof label === 'string' && isReservedKey(label, fold(label)))
        problems.push(reservedProblem(location, name, what, name === 'mapping_types' ? 'name' : 'label', label));
    }
  }
  return problems;
}

/** A mapping type or group named as plain objects are: refused, since every map of them would lose or mistake it. */
function reservedProblem(location: SourceLocation, field: string, what: string, part: string, found: string): DataProblem {
  return {
    location,
    field,
    expected: `a ${what} ${part} other than the names JavaScript objects reserve (${[...RESERVED_KEYS].slice(0, 3).join(', ')}, toString, ...)`,
    found: JSON.stringify(found),
  };
}

/** Accept the older key names ("groups") and the legacy array forms of the metadata maps. */
function prepareMetadata(raw: Record<string, unknown>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { ...raw };
  if (metadata['capability_groups'] === undefined && metadata['groups'] !== undefined) {
    metadata['capability_groups'] = metadata['groups'];
  }
  const types = metadata['mapping_types'];
  if (Array.isArray(types)) {
    metadata['mapping_types'] = Object.fromEntries(
      types
        .filter((t): t is Record<string, unknown> => !!t && typeof t === 'object')
        .map((t) => [String(t['id'] ?? t['name']), { name: t['name'], description: t['description'] ?? null }]),
    );
  }
  const groups = metadata['capability_groups'];
  if (Array.isArray(groups)) {
    metadata['capability_groups'] = Object.fromEntries(
      groups.filter((g): g is Record<string, unknown> => !!g && typeof g === 'object').map((g) => [String(g['id'] ?? g['name']), g['name'] ?? null]),
    );
  }
  return metadata;
}

/** Accept "group" for "capability_group", a one-element mapping_type array, and mend references. */
function prepareJsonObject(raw: Record<string, unknown>, location: SourceLocation, problems: DataProblem[], repairs: ReadRepair[]): Record<string, unknown> {
  const object: Record<string, unknown> = { ...stripControls(raw, repairs) };
  if (object['capability_group'] === undefined && object['group'] !== undefined) {
    object['capability_group'] = object['group'];
  } else if (object['group'] != null && object['capability_group'] != null && object['group'] !== object['capability_group']) {
    problems.push({
      location,
      field: 'group',
      expected: 'the group once, as capability_group (group is its older name)',
      found: `${describeValue(object['group'])} beside capability_group ${describeValue(object['capability_group'])}`,
    });
  }
  const type = object['mapping_type'];
  if (Array.isArray(type)) {
    if (type.length > 1) {
      problems.push({
        location,
        field: 'mapping_type',
        expected: 'one mapping type',
        found: JSON.stringify(type),
      });
    }
    object['mapping_type'] = type[0] ?? null;
  }
  if (Array.isArray(object['references'])) {
    const repaired = repairReferences(object['references']);
    object['references'] = repaired.references;
    repairs.push(...repaired.repairs.map(referenceRepair));
  }
  return object;
}

function referenceRepair(repair: ReferenceRepair): ReadRepair {
  return { kind: repair.kind, field: `references[${repair.index}]`, found: JSON.stringify(repair.found), action: repair.action };
}

function validateObject(prepared: Record<string, unknown>, location: SourceLocation, problems: DataProblem[], repairs: ReadRepair[]): ObjectRecord | null {
  const parsed = mappingObjectInput.safeParse(prepared);
  if (!parsed.success) {
    problems.push(...problemsFromZod(parsed.error.issues, location, prepared));
    return null;
  }
  const { mapping_type: type, capability_group: group } = parsed.data;
  const reserved = [
    ...(type !== null && isReservedKey(type, mappingTypeKey(type)) ? [reservedProblem(location, 'mapping_type', 'mapping type', 'name', type)] : []),
    ...(group !== null && isReservedKey(group, capabilityKey(group)) ? [reservedProblem(location, 'capability_group', 'capability group', 'id', group)] : []),
  ];
  if (reserved.length) {
    problems.push(...reserved);
    return null;
  }
  return { location, value: parsed.data, raw: prepared, repairs };
}

// ---------------------------------------------------------------------------------------------
// CSV: the published export (one or more sets per file) and the technique catalog
// ---------------------------------------------------------------------------------------------

function parseCsvInput(file: string, text: string): { input?: ParsedInput; problems: DataProblem[] } {
  const { table, problems } = parseCsvTable(text, file);
  return readCsvTable(file, table, problems);
}

/** Recognize a parsed CSV table (a mapping export, or a technique catalog) and validate its rows. */
function readCsvTable(file: string, table: CsvTable, problems: DataProblem[]): { input?: ParsedInput; problems: DataProblem[] } {
  const columns = new Set(table.columns.map(csvFieldName));
  if (columns.has('capability_id') || columns.has('mapping_framework')) {
    const missing = REQUIRED_CSV_COLUMNS.filter((c) => !columns.has(c));
    if (missing.length) {
      return { problems: [...problems, missingColumns(file, missing)] };
    }
    if (table.columns.includes('group') && table.columns.includes('capability_group')) {
      const at = (c: string) => table.columns.indexOf(c) + table.firstColumn;
      problems.push({
        location: { file, line: table.headerLine },
        field: 'header',
        expected: 'one column for the capability group: capability_group, or group (its older name)',
        found: `both, capability_group in column ${at('capability_group')} and group in column ${at('group')}`,
      });
    }
    const objects: ObjectRecord[] = [];
    // Columns it does not read are reported once, on the first row.
    const unknownColumns = table.columns.filter((c) => !OBJECT_FIELDS.has(csvFieldName(c))).map(unknownColumn);
    for (const [i, row] of table.rows.entries()) {
      const location: SourceLocation = { file, line: row.line };
      const repairs: ReadRepair[] = i === 0 ? [...unknownColumns] : [];
      const record = validateObject(prepareCsvRow(row, repairs), location, problems, repairs);
      if (record) objects.push(record);
    }
    return { input: { kind: 'mapping-table', file, objects }, problems };
  }
  if (columns.has('attack_object_id') && columns.has('attack_object_name') && !columns.has('capability_id')) {
    const missing = REQUIRED_TECHNIQUE_CSV_COLUMNS.filter((c) => !columns.has(c));
    if (missing.length) {
      return { problems: [...problems, missingColumns(file, missing)] };
    }
    const techniques: TechniqueRecord[] = [];
    for (const row of table.rows) {
      const location: SourceLocation = { file, line: row.line };
      const controls = Object.entries(row.cells).filter(([, cell]) => hasControls(cell));
      if (controls.length) {
        for (const [column, cell] of controls)
          problems.push({
            location,
            field: column,
            expected: 'text without control characters (tabs and line breaks aside)',
            found: showControls(excerpt(cell, 80)),
          });
        continue;
      }
      const parsed = techniqueRowInput.safeParse(row.cells);
      if (parsed.success) techniques.push({ location, value: parsed.data });
      else problems.push(...problemsFromZod(parsed.error.issues, location, row.cells));
    }
    return { input: { kind: 'technique-table', file, techniques }, problems };
  }
  return {
    problems: [
      ...problems,
      {
        location: { file, line: 1 },
        expected: `a header row with the mapping columns (${REQUIRED_CSV_COLUMNS.join(', ')})`,
        found: table.columns.length
          ? `columns ${table.columns
              .slice(0, 6)
              .map((c) => JSON.stringify(excerpt(c, 40)))
              .join(', ')}${table.columns.length > 6 ? ` and ${table.columns.length - 6} more` : ''}`
          : 'no header',
      },
    ],
  };
}

function missingColumns(file: string, missing: readonly string[]): DataProblem {
  const plural = missing.length > 1;
  return {
    location: { file, line: 1 },
    field: 'header',
    expected: `the column${plural ? 's' : ''} ${missing.join(', ')}`,
    found: `a header without ${plural ? 'them' : 'it'}`,
  };
}

/** The field a CSV column fills: older exports say `group` for `capability_group`. */
function csvFieldName(column: string): string {
  return column === 'group' ? 'capability_group' : column;
}

/** Turn CSV cells into a mapping object: empty cells are missing, references are parsed. */
function prepareCsvRow(row: CsvRow, repairs: ReadRepair[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(stripControls(row.cells, repairs))) {
    object[csvFieldName(column)] = cell === '' ? null : restoreCell(cell as string);
  }
  const cell = (object['references'] as string | null | undefined) ?? '';
  const parsed = parseReferenceCell(cell);
  if (parsed.ok) {
    const repaired = repairReferences(parsed.references);
    object['references'] = repaired.references;
    repairs.push(...repaired.repairs.map(referenceRepair));
  } else {
    // A cell that opens a list and never closes it: kept whole, as text.
    object['references'] = [parsed.text];
    repairs.push(unreadableReferenceCell(cell));
  }
  return object;
}
