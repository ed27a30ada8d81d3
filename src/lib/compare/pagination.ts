/**
 * Splitting a comparison's rows into pages that stay light: the rows go in capability order,
 * a page takes whole capabilities until its estimated size is reached (a capability bigger than
 * a page is split), and page 1 also carries the summary. No JavaScript is needed to read them.
 */
import { compareNatural } from '../core/ids.ts';
import type { ChangedMapping, CompareRow, Comparison } from './diff-sets.ts';

/**
 * Estimated bytes of table rows per page. The estimate runs about twice the real size (measured
 * on the synthetic full-size corpus), so a page's rows take some 170 KB, and page 1 stays under
 * 400 KB with its overview, technique flags and renames.
 */
export const PAGE_BUDGET = 300_000;

/**
 * Page 1 of a comparison spread over pages lists the differences per capability up to this many
 * capabilities (some 90 bytes each); beyond, the pages' capability ranges guide instead (a KEV
 * release adds and removes some 2,500 CVEs, one capability each).
 */
export const OVERVIEW_MAX_CAPABILITIES = 500;

export interface ComparisonPage {
  /** 1-based. */
  number: number;
  added: CompareRow[];
  removed: CompareRow[];
  changed: ChangedMapping[];
  /** The capability labels the page starts and ends with. */
  first: string;
  last: string;
}

type Entry = { kind: 'added' | 'removed'; row: CompareRow } | { kind: 'changed'; row: CompareRow; change: ChangedMapping };

// Markup per row (tags, links, classes) plus its text, escaped text a little longer.
const ROW_OVERHEAD = 420;
const textBytes = (row: CompareRow) =>
  row.capabilityLabel.length + (row.capabilityDescription?.length ?? 0) + (row.techniqueName?.length ?? 0) + row.capabilityId.length;
const entryBytes = (e: Entry) =>
  ROW_OVERHEAD + Math.ceil(1.1 * (textBytes(e.row) + (e.kind === 'changed' ? e.change.fields.reduce((n, f) => n + f.old.length + f.new.length + 60, 0) : 0)));

/** The pages of a comparison (at least one, possibly empty). */
export function paginateComparison(comparison: Comparison, budget = PAGE_BUDGET): ComparisonPage[] {
  const entries: Entry[] = [
    ...comparison.added.map((row) => ({ kind: 'added' as const, row })),
    ...comparison.removed.map((row) => ({ kind: 'removed' as const, row })),
    ...comparison.changed.map((change) => ({ kind: 'changed' as const, row: change.new, change })),
  ];
  const byCapability = new Map<string, Entry[]>();
  for (const e of entries) byCapability.set(e.row.capabilityId, [...(byCapability.get(e.row.capabilityId) ?? []), e]);
  const groups = [...byCapability.values()].sort(
    (x, y) => compareNatural(x[0]!.row.capabilityLabel, y[0]!.row.capabilityLabel) || x[0]!.row.capabilityId.localeCompare(y[0]!.row.capabilityId),
  );

  const chunks: Entry[][] = [];
  let current: Entry[] = [];
  let size = 0;
  const flush = () => {
    if (current.length) chunks.push(current);
    current = [];
    size = 0;
  };
  for (const group of groups) {
    const groupSize = group.reduce((n, e) => n + entryBytes(e), 0);
    if (size + groupSize > budget) flush();
    for (const e of group) {
      const bytes = entryBytes(e);
      if (size + bytes > budget && current.length) flush();
      current.push(e);
      size += bytes;
    }
  }
  flush();
  if (!chunks.length) chunks.push([]);
  return chunks.map((chunk, i) => ({
    number: i + 1,
    added: chunk.filter((e) => e.kind === 'added').map((e) => e.row),
    removed: chunk.filter((e) => e.kind === 'removed').map((e) => e.row),
    changed: chunk.flatMap((e) => (e.kind === 'changed' ? [e.change] : [])),
    first: chunk[0]?.row.capabilityLabel ?? '',
    last: chunk[chunk.length - 1]?.row.capabilityLabel ?? '',
  }));
}
