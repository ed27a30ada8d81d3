/** Reference entries holding several pieces ("URL URL", "URL; URL", "URL word"): split, each piece an entry. */
import type { DataRule } from './data-rule.ts';

export const referenceSplit = {
  id: 'reference-split',
  kinds: { 'reference-split': { title: 'References holding several entries', expected: 'one URL per reference' } },
} satisfies DataRule;

/** The pieces of a trimmed entry: split at whitespace, a separator (";" or ",") dropped from the end of all but the last. */
export function piecesOf(trimmed: string): string[] {
  return trimmed
    .split(/\s+/)
    .map((piece, i, all) => (i < all.length - 1 ? piece.replace(/[;,]+$/, '') : piece))
    .filter((piece) => piece !== '');
}
