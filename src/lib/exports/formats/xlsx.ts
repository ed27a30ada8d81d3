/**
 * The Excel workbook (.xlsx) of some sets' rows, for GRC analysts who work in spreadsheets.
 *
 * - "Mappings": every row given, in order, with the CSV export's columns and cells (so LibreOffice
 *   or Excel read the same rows as the CSV file), then `score_rank` and one link column per
 *   http(s) reference. A header row that is bold and frozen, an autofilter, widths from the
 *   content, notes and descriptions wrapped.
 * - One more sheet per set when the rows come from several sets, with that set's rows.
 * - "About": the sets (versions, dates, organization), their ATT&CK versions, the columns added to
 *   the CSV's, Mapscope's version and the build date.
 *
 * Every cell is a string cell (or a number in `score_rank`), never a formula: a string cell is
 * never evaluated, so a note starting with "=" is shown as written, and the CSV's leading "'"
 * (which tells a CSV importer "this is text") would here be a visible, wrong character. Only
 * http(s) references become hyperlinks. exceljs is loaded on the first call (dynamic import), so a
 * page that bundles this module downloads the library only when a workbook is asked for.
 * Browser-safe and pure.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { csvRecord, EXPORT_CSV_COLUMNS, type ExportRow, type ExportSet } from '../export-formats.ts';
import { isHttpUrl } from '../../core/urls.ts';
import { DOMAINS, SCORE_VALUES } from '../../core/vocabulary.ts';
import { pageRowsBySet, type DownloadFormat, type ResultTable } from './download-format.ts';

/** What the workbook says of its making, on its About sheet. */
export interface WorkbookAbout {
  /** Mapscope's version (package.json). */
  mapscopeVersion: string;
  /** The build's date, ISO (2026-12-01). */
  buildDate: string;
  /** What the rows are, when not whole sets: "T1046", "AC-4". */
  subject?: string;
}

/** Some rows of one set, as the CSV and the workbook take them. */
export interface SetRows {
  set: ExportSet;
  rows: readonly ExportRow[];
}

/** A cell the workbook could not hold whole (Excel's limit), cut and marked in the cell. */
export interface TruncatedCell {
  sheet: string;
  /** "O12" */
  cell: string;
  /** The characters the value had. */
  length: number;
}

export interface WorkbookFile {
  bytes: Uint8Array;
  /** Cells longer than Excel holds (32,767 characters): cut, and marked as cut in the cell. */
  truncated: TruncatedCell[];
}

/** What a set's files say of their making, when the build did not say (a test's, a tool's). */
const UNSAID: WorkbookAbout = { mapscopeVersion: 'unknown', buildDate: '' };
const aboutOf = (set: ExportSet | undefined, subject?: string): WorkbookAbout => ({ ...(set?.made ?? UNSAID), ...(subject ? { subject } : {}) });

/** The format, for the registry of download formats. */
export const xlsxFormat = {
  id: 'xlsx',
  label: 'Excel workbook',
  linkText: 'Excel',
  /** Made from the set's JSON and rows files: prebuilt for current sets only (MAPSCOPE_PREBUILD). */
  derived: true,
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  suffix: '.xlsx',
  /** Like the CSV file, one workbook may hold rows of several sets (a sheet each). */
  spansSets: true,
  namesSubject: true,
  listed: true,
  purpose: 'For Excel and LibreOffice: frozen header, filters, links, a sheet per set.',
  scopes: {
    set: { write: async ({ set, rows }) => (await xlsxOf([{ set, rows }], aboutOf(set))).bytes },
    page: { write: async (input) => (await xlsxOf(pageRowsBySet(input), aboutOf(input.sets[0]?.set, input.subject))).bytes },
    result: { offers: (result) => result.rows.length > 0, write: async (result) => (await xlsxOfResult(result)).bytes },
  },
} satisfies DownloadFormat;

/** The columns after the CSV's: the score's rank, then the references as links. */
export const SCORE_RANK_COLUMN = 'score_rank';
export const referenceColumn = (n: number) => `reference_${n}`;

/** Excel's limits: characters in a cell, in a hyperlink's address, in a sheet name. */
const MAX_CELL = 32_767;
const MAX_LINK = 2_079;
const MAX_SHEET_NAME = 31;

/** Columns shown wrapped (long prose) and their width; other widths follow their content. */
const WRAPPED: Readonly<Record<string, number>> = { comments: 80, capability_description: 40 };
const MIN_WIDTH = 6;
const MAX_WIDTH = 40;

/**
 * A string as an OOXML string cell holds it. XML cannot carry most control characters, and XML
 * readers turn a carriage return into a line feed, so those are written as the format's
 * `_xHHHH_` escapes, which Excel and LibreOffice decode; a literal `_xHHHH_` in the text gets its
 * "_" escaped (`_x005F_`) so that it is not decoded. exceljs would otherwise drop the characters.
 */
export function ooxmlText(value: string): string {
  return value
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * The rank a row's score sorts by: 3 significant, 2 partial, 1 minimal, 0 a row of a scored type
 * without a score ("Not scored", below Minimal as on the site's tables), null without a score.
 */
export function scoreRank(set: ExportSet, row: ExportRow): number | null {
  const value = row.object['score_value'];
  if (value != null && Object.hasOwn(SCORE_VALUES, String(value))) return SCORE_VALUES[String(value) as keyof typeof SCORE_VALUES].rank;
  const type = row.object['mapping_type'];
  return row.mapping && type != null && set.types[String(type)]?.scored ? 0 : null;
}

/** The references of a row that become links, in order. */
function linksOf(row: ExportRow): string[] {
  const references = row.object['references'];
  return Array.isArray(references) ? references.filter((r): r is string => typeof r === 'string' && isHttpUrl(r) && r.length <= MAX_LINK) : [];
}

/** A sheet name Excel accepts: no []:*?/\, no apostrophe at either end, at most 31 characters, unique (case-insensitively). */
function sheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\\u0000-\u001f]/g, '-')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = `${clean.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    // "History" is reserved by Excel.
    if (!taken.has(name.toLowerCase()) && name.toLowerCase() !== 'history') {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** A set's short name for its sheet: "nist_800_53 rev5 @ 16.1", "veris 1.4.0 @ 16.1 Mobile". */
const setSheetName = (set: ExportSet) =>
  `${set.frameworkId} ${set.frameworkVersion} @ ${set.attackVersion}${set.domain === 'enterprise' ? '' : ` ${DOMAINS[set.domain]?.label ?? set.domain}`}`;

type ExcelJsModule = typeof import('exceljs');

let excelJs: Promise<ExcelJsModule> | undefined;
/** exceljs, loaded once and only when a workbook is made (its browser build is some 250 KB gzip). */
function loadExcelJs(): Promise<ExcelJsModule> {
  excelJs ??= import('exceljs').then((m) => ((m as { default?: ExcelJsModule }).default ?? m) as ExcelJsModule);
  return excelJs;
}

/** Writes cells through the guards, noting what it had to cut. */
class CellWriter {
  readonly truncated: TruncatedCell[] = [];

  text(sheet: Worksheet, value: string, at: () => string): string {
    let text = value;
    if (text.length > MAX_CELL) {
      this.truncated.push({ sheet: sheet.name, cell: at(), length: value.length });
      const mark = ` [… cut: ${value.length.toLocaleString('en-US')} characters, more than a spreadsheet cell holds; the CSV file has it whole]`;
      text = `${text.slice(0, MAX_CELL - mark.length)}${mark}`;
    }
    return ooxmlText(text);
  }
}

/** The mapping sheet's columns: the CSV's, the score rank, then as many link columns as the rows need. */
function columnsFor(sets: readonly SetRows[]): string[] {
  let links = 0;
  for (const { rows } of sets) for (const row of rows) links = Math.max(links, linksOf(row).length);
  return [...EXPORT_CSV_COLUMNS, SCORE_RANK_COLUMN, ...Array.from({ length: links }, (_, i) => referenceColumn(i + 1))];
}

function addMappingSheet(workbook: Workbook, name: string, sets: readonly SetRows[], cells: CellWriter): void {
  const columns = columnsFor(sets);
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const header = sheet.addRow(columns);
  const widths = columns.map((c) => c.length + 2);
  const grow = (i: number, text: string) => {
    for (const line of text.split('\n')) if (line.length + 1 > widths[i]!) widths[i] = line.length + 1;
  };
  for (const { set, rows } of sets) {
    for (const row of rows) {
      const record = csvRecord(set, row);
      const rowNumber = sheet.rowCount + 1;
      const at = (i: number) => () => `${sheet.getColumn(i + 1).letter}${rowNumber}`;
      const values: (string | number | null | { text: string; hyperlink: string })[] = EXPORT_CSV_COLUMNS.map((column, i) => {
        const value = record[column] ?? '';
        grow(i, value);
        return cells.text(sheet, value, at(i));
      });
      values.push(scoreRank(set, row));
      linksOf(row).forEach((url, i) => {
        grow(EXPORT_CSV_COLUMNS.length + 1 + i, url);
        const text = cells.text(sheet, url, at(EXPORT_CSV_COLUMNS.length + 1 + i));
        values.push({ text, hyperlink: url });
      });
      sheet.addRow(values);
    }
  }
  columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    const wrapped = WRAPPED[column];
    col.width = wrapped ?? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[i]!));
    if (wrapped) col.alignment = { wrapText: true, vertical: 'top' };
    else col.alignment = { vertical: 'top' };
    if (column.startsWith('reference_')) col.font = { color: { argb: 'FF0563C1' }, underline: true };
  });
  // After the columns' styles, which would otherwise colour the link columns' headers.
  header.font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: columns.length } };
}

/** A sheet's row writer: every text cell through the formula guard, numbers as numbers, optionally bold. */
function rowWriter(sheet: Worksheet, cells: CellWriter): (values: (string | number)[], bold?: boolean) => void {
  return (values, bold = false) => {
    const rowNumber = sheet.rowCount + 1;
    const row = sheet.addRow(values.map((v, i) => (typeof v === 'number' ? v : cells.text(sheet, v, () => `${sheet.getColumn(i + 1).letter}${rowNumber}`))));
    if (bold) row.font = { bold: true };
  };
}

/** A new workbook by Mapscope, dated with the build's date when it has one. */
async function newWorkbook(buildDate: string | undefined): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mapscope';
  const built = new Date(`${buildDate ?? ''}T00:00:00Z`);
  if (!Number.isNaN(built.getTime())) workbook.created = workbook.modified = built;
  return workbook;
}

/** The workbook's file: its bytes, and whether a cell had to be cut. */
async function workbookFile(workbook: Workbook, cells: CellWriter): Promise<WorkbookFile> {
  const buffer: ArrayBuffer | Uint8Array = await workbook.xlsx.writeBuffer();
  return { bytes: buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer), truncated: cells.truncated };
}

function addAboutSheet(workbook: Workbook, sets: readonly SetRows[], sheetOf: ReadonlyMap<SetRows, string>, about: WorkbookAbout, cells: CellWriter): void {
  const sheet = workbook.addWorksheet('About');
  const put = rowWriter(sheet, cells);
  const total = sets.reduce((n, s) => n + s.rows.length, 0);
  const attack = [...new Set(sets.map(({ set }) => `ATT&CK ${DOMAINS[set.domain]?.label ?? set.domain} ${set.attackVersion}`))];
  put([about.subject ? `${about.subject}: mappings from Mapscope` : 'Mappings from Mapscope'], true);
  put([]);
  put(['Rows', total]);
  put(['ATT&CK', attack.join(', ')]);
  put(['Made with', `Mapscope ${about.mapscopeVersion}`]);
  put(['Built', about.buildDate]);
  put([]);
  put(
    [
      'Sheet',
      'Set',
      'Set id',
      'Framework',
      'Framework version',
      'ATT&CK version',
      'ATT&CK domain',
      'Organization',
      'Mapping version',
      'Created',
      'Last updated',
      'Rows',
    ],
    true,
  );
  for (const entry of sets) {
    const { set, rows } = entry;
    const mappingVersion = set.metadata['mapping_version'];
    put([
      sheetOf.get(entry) ?? 'Mappings',
      set.title,
      set.id,
      set.frameworkName,
      set.frameworkVersion,
      set.attackVersion,
      DOMAINS[set.domain]?.label ?? set.domain,
      set.organization ?? '',
      mappingVersion == null ? '' : String(mappingVersion),
      set.creationDate ?? '',
      set.lastUpdate ?? '',
      rows.length,
    ]);
  }
  put([]);
  put(['Columns', ''], true);
  put(['The CSV columns', 'as in the CSV download: the same rows and cells. Every cell is text as written, never a formula.']);
  put([SCORE_RANK_COLUMN, 'for sorting by score: 3 significant, 2 partial, 1 minimal, 0 a scored mapping without a score, empty: no score.']);
  put(['reference_1, reference_2…', 'the http(s) references of the row as links; every reference, as written, is in the references column.']);
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 60;
  for (let i = 3; i <= 12; i++) sheet.getColumn(i).width = 16;
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The workbook of some sets' rows (each set's rows as given, in order: a whole set's, or a
 * page's). Sheets: "Mappings" (every row, the CSV's columns and cells, then `score_rank` and
 * the links), one per set when there are several, "About".
 */
export async function xlsxOf(sets: readonly SetRows[], about: WorkbookAbout): Promise<WorkbookFile> {
  const workbook = await newWorkbook(about.buildDate);
  const cells = new CellWriter();
  const taken = new Set(['mappings', 'about']);
  addMappingSheet(workbook, 'Mappings', sets, cells);
  const sheetOf = new Map<SetRows, string>();
  if (sets.length > 1) {
    for (const entry of sets) {
      const name = sheetName(setSheetName(entry.set), taken);
      sheetOf.set(entry, name);
      addMappingSheet(workbook, name, [entry], cells);
    }
  }
  addAboutSheet(workbook, sets, sheetOf, about, cells);
  return workbookFile(workbook, cells);
}

/** A whole number as a number column of a result's table writes it (no leading zero: "007" stays text). */
const NUMBER = /^(0|-?[1-9]\d{0,14})$/;

/**
 * The workbook of a result made in the browser (the coverage builder's, a comparison's): its
 * table on one sheet (the CSV's columns and cells; whole numbers as numbers), bold frozen header,
 * autofilter, widths from the content; then "About": what the rows are and how they were made.
 */
export async function xlsxOfResult(result: ResultTable): Promise<WorkbookFile> {
  const workbook = await newWorkbook(result.made?.buildDate);
  const cells = new CellWriter();
  const name = sheetName(result.name, new Set(['about']));
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const header = sheet.addRow([...result.columns]);
  const widths = result.columns.map((c) => c.length + 2);
  const numeric = result.columns.map((c) => result.numberColumns?.includes(c) ?? false);
  for (const row of result.rows) {
    const rowNumber = sheet.rowCount + 1;
    sheet.addRow(
      result.columns.map((_, i) => {
        const value = row[i] ?? '';
        if (value.length + 1 > widths[i]!) widths[i] = value.length + 1;
        return numeric[i] && NUMBER.test(value) ? Number(value) : cells.text(sheet, value, () => `${sheet.getColumn(i + 1).letter}${rowNumber}`);
      }),
    );
  }
  result.columns.forEach((_, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[i]!));
    col.alignment = { vertical: 'top', wrapText: widths[i]! > MAX_WIDTH };
  });
  header.font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: result.columns.length } };

  const about = workbook.addWorksheet('About');
  const put = rowWriter(about, cells);
  put([result.title], true);
  put([]);
  put(['Sheet', name]);
  put(['Rows', result.rows.length]);
  for (const [key, value] of result.about ?? []) put([key, value]);
  if (result.made) {
    put(['Made with', `Mapscope ${result.made.mapscopeVersion}`]);
    put(['Built', result.made.buildDate]);
  }
  put(['Cells', 'as in the CSV download: the same rows and cells; every text cell as written, never a formula.']);
  about.getColumn(1).width = 26;
  about.getColumn(2).width = 80;
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return workbookFile(workbook, cells);
}
