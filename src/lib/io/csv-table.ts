/**
 * Reading a CSV file into rows of named cells, each with the line it starts on, with papaparse.
 * A text larger than one string holds is read in pieces, cut between rows (parseCsvBytes).
 */
import Papa from 'papaparse';
import { excerpt, type DataProblem } from '../ingest/problems.ts';
import { decodeInput, megabytes } from './input-file.ts';

export interface CsvRow {
  /** 1-based line number where the row starts (quoted cells may span lines). */
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Column names, trimmed and lower-cased, without a leading unnamed index column. */
  columns: string[];
  rows: CsvRow[];
  /** The line of the header row, and the position (from 1) of columns[0] in it: 2 after a dropped index column. */
  headerLine: number;
  firstColumn: number;
}

/**
 * Rows of CSV text, given whole or in pieces that each end between rows. The header row names
 * the columns; a leading unnamed column (a pandas index) is dropped; a name given twice is a
 * problem. Malformed rows are reported as problems with their line.
 */
class CsvTableReader {
  readonly problems: DataProblem[] = [];
  readonly rows: CsvRow[] = [];
  private header: string[] | null = null;
  private headerLine = 1;
  private dropFirst = false;
  /** The line break papaparse found in the first piece, for the pieces after it. */
  private newline: string | undefined;

  constructor(private readonly file: string) {}

  /** Parse one piece of text (BOM already removed) whose first line is `firstLine`. */
  add(text: string, firstLine = 1): void {
    const { file } = this;
    let line = firstLine;
    let scanned = 0;
    const lineAt = (offset: number): number => {
      for (; scanned < offset; scanned++) if (text.charCodeAt(scanned) === 10) line++;
      return line;
    };
    let previousCursor = 0;
    Papa.parse<string[]>(text, {
      delimiter: ',',
      ...(this.newline ? { newline: this.newline as '\n' } : {}),
      // Blank lines are skipped here rather than by papaparse, so that every row, skipped or
      // not, moves the cursor and line numbers stay right.
      skipEmptyLines: false,
      step: (result) => {
        this.newline ??= result.meta.linebreak;
        let start = previousCursor;
        while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
        previousCursor = result.meta.cursor;
        const cells = result.data;
        if (cells.every((cell) => cell.trim() === '')) return;
        const rowLine = lineAt(start);
        if (result.errors.length) {
          const unterminated = result.errors.some((e) => e.code === 'MissingQuotes');
          this.problems.push({
            location: { file, line: rowLine },
            expected: unterminated ? 'a closing quote (") for a quoted cell' : 'well-formed CSV',
            found: unterminated ? 'a quoted cell that never ends' : excerpt(result.errors[0]!.message),
          });
          if (this.header !== null) return;
        }
        if (this.header === null) {
          let header = cells.map((c) => c.trim().toLowerCase());
          this.dropFirst = header[0] === '' || header[0] === 'unnamed: 0';
          if (this.dropFirst) header = header.slice(1);
          this.header = header;
          this.headerLine = rowLine;
          this.problems.push(...duplicateColumns(file, rowLine, header, this.dropFirst ? 2 : 1));
          return;
        }
        const header = this.header;
        const values = this.dropFirst ? cells.slice(1) : cells;
        if (values.length !== header.length) {
          this.problems.push({
            location: { file, line: rowLine },
            expected: `${header.length} cells`,
            found: `${values.length}`,
          });
          return;
        }
        const record: Record<string, string> = {};
        header.forEach((name, i) => {
          record[name] = values[i] ?? '';
        });
        this.rows.push({ line: rowLine, cells: record });
      },
    });
  }

  table(): { table: CsvTable; problems: DataProblem[] } {
    return {
      table: { columns: this.header ?? [], rows: this.rows, headerLine: this.headerLine, firstColumn: this.dropFirst ? 2 : 1 },
      problems: this.problems,
    };
  }
}

/**
 * A header naming one column twice: each row's later cell would hide the earlier one, so which
 * is meant cannot be told and the table is refused, naming the column and both positions
 * (counted from 1, as a spreadsheet shows them; `first`: the position of header[0]).
 */
function duplicateColumns(file: string, line: number, header: readonly string[], first: number): DataProblem[] {
  const positions = new Map<string, number[]>();
  header.forEach((name, i) => {
    const list = positions.get(name);
    if (list) list.push(i + first);
    else positions.set(name, [i + first]);
  });
  return [...positions]
    .filter(([, at]) => at.length > 1)
    .map(([name, at]) => ({
      location: { file, line },
      field: 'header',
      expected: `one column named ${JSON.stringify(excerpt(name, 40))} (a row's cells in both could not both be read)`,
      found: `it in columns ${at.slice(0, -1).join(', ')} and ${at[at.length - 1]}`,
    }));
}

/** Parse CSV text (BOM already removed). */
export function parseCsvTable(text: string, file: string): { table: CsvTable; problems: DataProblem[] } {
  const reader = new CsvTableReader(file);
  reader.add(text);
  return reader.table();
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Where to cut CSV bytes into pieces of about `target` bytes: after a line break outside any
 * quoted cell (a quote opens a cell only at its start, "" inside one is a quote), so each piece
 * holds whole rows. A row longer than `max` bytes cannot be cut out: its start is returned.
 */
export function csvCuts(bytes: Uint8Array, target: number, max: number): { cuts: number[]; tooLong?: number } {
  const cuts: number[] = [];
  let pieceStart = 0;
  let quoted = false;
  let fieldStart = true;
  let lastBreak = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (quoted) {
      if (b === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else quoted = false;
      }
      fieldStart = false;
    } else if (b === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else {
      const lineEnd = b === LF || (b === CR && bytes[i + 1] !== LF);
      fieldStart = b === COMMA || b === LF || b === CR;
      if (lineEnd) {
        lastBreak = i + 1;
        if (lastBreak - pieceStart >= target) {
          cuts.push(lastBreak);
          pieceStart = lastBreak;
        }
      }
    }
    if (i + 1 - pieceStart > max) {
      if (lastBreak > pieceStart) {
        cuts.push(lastBreak);
        pieceStart = lastBreak;
      } else return { cuts, tooLong: pieceStart };
    }
  }
  return { cuts };
}

/**
 * Parse CSV bytes too large for one string: cut between rows into pieces of at most
 * `maxPieceBytes`, each decoded and parsed in turn, with line numbers counted across them.
 */
export function parseCsvBytes(
  bytes: Uint8Array,
  file: string,
  maxPieceBytes: number,
): { table: CsvTable; problems: DataProblem[] } | { problem: DataProblem; problems: DataProblem[] } {
  const reader = new CsvTableReader(file);
  const { cuts, tooLong } = csvCuts(bytes, Math.max(1, Math.floor(maxPieceBytes / 2)), maxPieceBytes);
  const ends = tooLong === undefined ? [...cuts, bytes.length] : cuts;
  let start = 0;
  let line = 1;
  const lineOf = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (bytes[i] === LF) line++;
  };
  for (const end of ends) {
    const piece = bytes.subarray(start, end);
    const decoded = decodeInput(file, piece, line, start === 0);
    if ('problem' in decoded) return { problem: decoded.problem, problems: reader.problems };
    reader.add(decoded.text, line);
    lineOf(start, end);
    start = end;
  }
  if (tooLong !== undefined) {
    return {
      problem: {
        location: { file, line },
        expected: `a row of at most ${megabytes(maxPieceBytes)} (one row must fit in one text)`,
        found: 'a longer one (a quoted cell that never ends?)',
      },
      problems: reader.problems,
    };
  }
  return reader.table();
}
