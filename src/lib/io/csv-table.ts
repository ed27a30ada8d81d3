/**
 * Reading a CSV file into rows of named cells, each with the line it starts on, with papaparse.
 */
import Papa from 'papaparse';
import type { DataProblem } from '../ingest/problems.ts';

export interface CsvRow {
  /** 1-based line number where the row starts (quoted cells may span lines). */
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  /** Column names, trimmed and lower-cased, without a leading unnamed index column. */
  columns: string[];
  rows: CsvRow[];
}

/**
 * Parse CSV text (BOM already removed). The header row names the columns; a leading unnamed
 * column (a pandas index) is dropped. Malformed rows are reported as problems with their line.
 */
export function parseCsvTable(
  text: string,
  file: string,
): { table: CsvTable; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let dropFirst = false;
  let line = 1;
  let scanned = 0;

  const lineAt = (offset: number): number => {
    for (; scanned < offset; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    return line;
  };

  let previousCursor = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    // Blank lines are skipped here rather than by papaparse, so that every row, skipped or
    // not, moves the cursor and line numbers stay right.
    skipEmptyLines: false,
    step(result) {
      let start = previousCursor;
      while (start < text.length && (text[start] === '\n' || text[start] === '\r')) start++;
      previousCursor = result.meta.cursor;
      const cells = result.data;
      if (cells.every((cell) => cell.trim() === '')) return;
      const rowLine = lineAt(start);
      if (result.errors.length) {
        const unterminated = result.errors.some((e) => e.code === 'MissingQuotes');
        problems.push({
          location: { file, line: rowLine },
          expected: unterminated ? 'a closing quote (") for a quoted cell' : 'well-formed CSV',
          found: unterminated ? 'a quoted cell that never ends' : result.errors[0]!.message,
        });
        if (header !== null) return;
      }
      if (header === null) {
        header = cells.map((c) => c.trim().toLowerCase());
        dropFirst = header[0] === '' || header[0] === 'unnamed: 0';
        if (dropFirst) header = header.slice(1);
        return;
      }
      const values = dropFirst ? cells.slice(1) : cells;
      if (values.length !== header.length) {
        problems.push({
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
      rows.push({ line: rowLine, cells: record });
    },
  });
  return { table: { columns: header ?? [], rows }, problems };
}
