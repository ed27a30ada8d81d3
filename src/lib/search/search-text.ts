/**
 * Text handling shared by the search index (build time) and the searcher (browser): words,
 * id keys that ignore punctuation and padding, typo distance and highlight ranges.
 */
import { TECHNIQUE_ID } from '../core/vocabulary.ts';

/** Lower-case words of a text: letters and digits runs ("AC-4(1)" -> ["ac", "4", "1"]). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The key an id is looked up by: its letter and digit runs, zero padding of short numbers
 * removed, joined by ".". "AC-4", "ac-04", "AC4" and "AC-4 " all give "ac.4"; "AC-2(1)" gives
 * "ac.2.1" and stays apart from "AC-21" ("ac.21"); "T1059.001" gives "t.1059.1".
 */
export function idKey(id: string): string {
  const runs =
    id
      .toLowerCase()
      .normalize('NFKD')
      .match(/\p{L}+|\p{N}+/gu) ?? [];
  return runs.map((run) => (/^\d{1,3}$/.test(run) ? String(Number(run)) : run)).join('.');
}

/** Technique ids as typed: "t1046", " T1046.001 " -> "T1046", "T1046.001"; null otherwise. */
export function techniqueQuery(query: string): string | null {
  const id = query.trim().toUpperCase().replace(/\s+/g, '');
  return TECHNIQUE_ID.test(id) ? id : null;
}

/**
 * Levenshtein distance if it is at most `max`, else max + 1. Cheap for the short words of a
 * vocabulary: a band of width 2*max+1 around the diagonal.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < rowMin) rowMin = current[j]!;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** How many typos a query word may carry: none for short words, one from 4 letters, two from 8. */
export function typoBudget(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/** [start, end) ranges in `text` where any of `terms` (lower-case words) occur at a word start. */
export function highlightRanges(text: string, terms: Iterable<string>): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (term.length < 2) continue;
    let from = 0;
    for (;;) {
      const at = lower.indexOf(term, from);
      if (at === -1) break;
      const before = at === 0 ? '' : lower[at - 1]!;
      if (at === 0 || !/[\p{L}\p{N}]/u.test(before)) ranges.push([at, at + term.length]);
      from = at + term.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** A window of about `size` characters of `text` around its first highlight, with adjusted ranges. */
export function snippet(text: string, ranges: [number, number][], size = 180): { text: string; ranges: [number, number][] } {
  if (text.length <= size) return { text, ranges };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(size / 3));
  const space = text.lastIndexOf(' ', start);
  if (start > 0 && space > start - 20) start = space + 1;
  const end = Math.min(text.length, start + size);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shifted = ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: `${prefix}${text.slice(start, end)}${suffix}`, ranges: shifted };
}

/** The title of a mapping note: "azure_sentinel → T1046 Network Service Discovery". */
export function noteTitle(capability: string, technique: string, techniqueName: string | null): string {
  return `${capability} → ${technique}${techniqueName ? ` ${techniqueName}` : ''}`;
}
