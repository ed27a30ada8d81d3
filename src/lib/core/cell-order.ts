/**
 * How table columns sort (pure logic for src/client/elements/table-sort.ts): the comparison of two cell
 * keys by the column's sort type, and the cycle of directions a header button steps through.
 * A cell's key is its data-sort attribute where the component writes one, its rank where the
 * header lists ranked labels, else its text.
 */
import { SCORE_VALUES } from './vocabulary.ts';

/** Sort types a header's data-sort-type names; "natural" is the default, "none" has no button. */
export const SORT_TYPES = ['natural', 'number', 'none'] as const;
export type SortType = (typeof SORT_TYPES)[number];

/** aria-sort values a sorted column shows; null is the server's order. */
export type SortDirection = 'ascending' | 'descending';

/** The labels of score values from no score to the best: a score column's data-sort-ranks. */
export const SCORE_RANK_LABELS: readonly string[] = ['Not scored', ...Object.values(SCORE_VALUES).sort((a, b) => a.rank - b.rank).map((v) => v.label)];

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

// Numbers inside text compare as numbers (AC-2 < AC-10, T1059 < T1059.001 < T1110), case aside:
// the order of compareNatural in ids.ts, which the server sorts with but the browser cannot load
// (ids.ts needs node:crypto). A fixed locale keeps the order the same in every browser.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A count as the pages format it ("1,234") or a score rank; anything else ("–", "") below every number. */
function numberOf(key: string): number {
  const n = Number.parseFloat(key.replace(/[,\s\u00a0]/g, ''));
  return Number.isNaN(n) ? -Infinity : n;
}

const byNumber = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

/** Compare two cell keys ascending; 0 keeps the server's order between them (the sort is stable). */
export function compareKeys(type: SortType, a: string, b: string): number {
  if (type === 'number') return byNumber(numberOf(a), numberOf(b));
  return collator.compare(a.trim(), b.trim());
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
