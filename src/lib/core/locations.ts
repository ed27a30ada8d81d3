/**
 * Where an input record was read, written out: the one place a SourceLocation (model/schema.ts)
 * becomes text, for messages, the model's row sources and the data-quality page. Browser-safe.
 */
import type { SourceLocation } from '../model/schema.ts';

/**
 * "file:14" or "file#/json/pointer", the file alone for a whole file; with `{ file: false }`, within
 * a file already named: "line 14" or "#/json/pointer", nothing for the whole file.
 */
export function formatLocation(location: SourceLocation, { file = true }: { file?: boolean } = {}): string {
  if ('line' in location) return file ? `${location.file}:${location.line}` : `line ${location.line}`;
  if ('pointer' in location) return file ? `${location.file}#${location.pointer}` : `#${location.pointer}`;
  return file ? location.file : '';
}
