import Papa from 'papaparse';

/**
 * Formula-injection safety for CSV cells (OWASP "CSV Injection"): a cell that a spreadsheet
 * would run as a formula is prefixed with a single quote when written, and the prefix is taken
 * off again when read, so every value round-trips.
 */

const NEEDS_PREFIX = /^[=+\-@\t\r']/;

/** Make a cell inert in spreadsheets: "=1+1" -> "'=1+1" ("'" itself is escaped the same way). */
export function neutralizeCell(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** Undo `neutralizeCell`: "'=1+1" -> "=1+1"; other cells are returned unchanged. */
export function restoreCell(value: string): string {
  return value.length > 1 && value[0] === "'" && NEEDS_PREFIX.test(value.slice(1)) ? value.slice(1) : value;
}

/** A CSV file as every download writes one: RFC 4180 quoting, CRLF line ends, every cell guarded. */
export function csvFile(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${Papa.unparse({ fields: [...fields], data: rows.map((row) => row.map(neutralizeCell)) }, { newline: '\r\n' })}\r\n`;
}
