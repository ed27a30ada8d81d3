/**
 * A JSON syntax error as one line of a problem list: the line and column when the engine says
 * where, and its reason without the text V8 quotes around the error (which may hold newlines or
 * a whole long line).
 */
import { excerpt, type DataProblem } from '../ingest/problems.ts';

export function jsonSyntaxProblem(file: string, text: string, error: Error, expected: string): DataProblem {
  const position = /at position (\d+)/.exec(error.message);
  let line: number | undefined;
  let column: number | undefined;
  if (position) {
    const offset = Math.min(Number(position[1]), text.length);
    line = 1;
    let start = 0;
    for (let i = 0; i < offset; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        start = i + 1;
      }
    }
    column = offset - start + 1;
  }
  const reason = error.message
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/, .*is not valid JSON$/s, '');
  return { location: line ? { file, line } : { file }, expected, found: `a syntax error: ${excerpt(reason, 120)}${column ? ` (column ${column})` : ''}` };
}

/** Parse a JSON text (a leading BOM dropped), or the problem saying where its syntax breaks. */
export function parseJsonText(file: string, text: string, expected: string): { data: unknown } | { problem: DataProblem } {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { data: JSON.parse(json) };
  } catch (error) {
    return { problem: jsonSyntaxProblem(file, json, error as Error, expected) };
  }
}
