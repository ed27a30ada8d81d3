/** A JSON syntax error as one line of a problem list, with its line when the engine says where. */
import type { DataProblem } from '../ingest/problems.ts';

export function jsonSyntaxProblem(file: string, text: string, error: Error, expected: string): DataProblem {
  const position = /at position (\d+)/.exec(error.message);
  const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
  // V8 may quote the text around the error ("Unexpected token '}', "..." is not valid JSON"),
  // newlines included: too much for a one-line message.
  const reason = error.message
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/, .*is not valid JSON$/s, '');
  return { location: line ? { file, line } : { file }, expected, found: `a syntax error: ${reason}` };
}
