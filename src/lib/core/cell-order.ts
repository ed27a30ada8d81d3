/**
 * How table columns sort (pure logic for src/client/elements/table-sort.ts): the comparison of two cell
 * keys by the column's sort type, and the cycle of directions a header button steps through.
 * A cell's key is its data-sort attribute where the component writes one, its rank where the
 * header lists ranked labels (SCORE_RANK_LABELS in scores.ts for scores), else its text.
 */
import { compareNatural } from './ids.ts';

/** Sort types a header's data-sort-type names; "natural" is the default, "none" has no button. */
export const SORT_TYPES = ['natural', 'number', 'none'] as const;
export type SortType = (typeof SORT_TYPES)[number];

/** aria-sort values a sorted column shows; null is the server's order. */
export type SortDirection = 'ascending' | 'descending';

/**
 * A cell's key in a column of ranked labels (data-sort-ranks="Not scored|Minimal|Partial|
 * Significant"): the rank of the label its text starts with ("Partial Related score: T1059"
 * is 2), empty (below every rank) when none does. One attribute on the header instead of one on
 * every cell keeps long tables light.
 */
export function rankKey(text: string, ranks: readonly string[]): string {
  const trimmed = text.trim();
  let best = -1;
  ranks.forEach((label, i) => {
    if (trimmed.startsWith(label) && (best < 0 || label.length > ranks[best]!.length)) best = i;
  });
  return best < 0 ? '' : String(best);
}

/** A count as the pages format it ("1,234") or a score rank; anything else ("–", "") below every number. */
function numberOf(key: string): number {
  const n = Number.parseFloat(key.replace(/[,\s\u00a0]/g, ''));
  return Number.isNaN(n) ? -Infinity : n;
}

const byNumber = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

/** Compare two cell keys ascending (text in the natural order of ids the server sorts with: AC-2 < AC-10); 0 keeps the server's order between them (the sort is stable). */
export function compareKeys(type: SortType, a: string, b: string): number {
  if (type === 'number') return byNumber(numberOf(a), numberOf(b));
  return compareNatural(a.trim(), b.trim());
}

/** Sort items by their keys in a direction, ties in their given order; a new array. */
export function sortByKeys<T>(items: readonly T[], keys: readonly string[], type: SortType, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return items
    .map((item, i) => ({ item, key: keys[i] ?? '', i }))
    .sort((x, y) => sign * compareKeys(type, x.key, y.key) || x.i - y.i)
    .map(({ item }) => item);
}

/** The next state of a column's button: ascending, descending, then the server's order again. */
export function nextDirection(current: SortDirection | null): SortDirection | null {
  return current === null ? 'ascending' : current === 'ascending' ? 'descending' : null;
}
