/**
 * The static comparisons of a site: every pair of consecutive sets (pairs.ts), compared once
 * per build and split into pages, with lookups for the set and framework pages that link them.
 */
import { compareFrameworkVersions } from '../core/versions.ts';
import type { Comparison, DiffCounts } from './diff-sets.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { MappingSet } from '../model/schema.ts';
import { compareModelSets } from './from-model.ts';
import { consecutivePairs } from './pairs.ts';
import { paginateComparison, type ComparisonPage } from './pagination.ts';

export interface StaticComparison {
  a: MappingSet;
  b: MappingSet;
  /** Its downloads' name in the downloads folder, before each format's suffix: "compare_<a>__<b>". */
  fileStem: string;
  comparison(): Comparison;
  pages(): ComparisonPage[];
  counts(): DiffCounts;
}

export interface SiteComparisons {
  /** Every static comparison, by framework, A's order in the framework (newest first). */
  all: readonly StaticComparison[];
  get(aId: string, bId: string): StaticComparison | undefined;
  /** Comparisons with a set: those that end at it (previous) and the one that starts at it (next). */
  forSet(setId: string): { previous: StaticComparison[]; next: StaticComparison | undefined };
  forFramework(frameworkId: string): StaticComparison[];
}

/** "compare_<a>__<b>" */
export const compareFileStem = (aId: string, bId: string) => `compare_${aId}__${bId}`;

/** The manifest key of a comparison's downloads. */
export const compareScope = (aId: string, bId: string) => `compare:${aId}__${bId}`;

const cache = new WeakMap<ModelIndex, SiteComparisons>();

/** The static comparisons of an indexed model (computed once per index, each comparison on first use). */
export function siteComparisons(index: ModelIndex): SiteComparisons {
  const known = cache.get(index);
  if (known) return known;
  const sets = [...index.model.sets];
  const all = consecutivePairs(sets).map(({ a, b }): StaticComparison => {
    let comparison: Comparison | undefined;
    let pages: ComparisonPage[] | undefined;
    const compared = () => (comparison ??= compareModelSets(index, a, b));
    return {
      a,
      b,
      fileStem: compareFileStem(a.id, b.id),
      comparison: compared,
      pages: () => (pages ??= paginateComparison(compared())),
      counts: () => compared().counts,
    };
  });
  const byPair = new Map(all.map((c) => [`${c.a.id}\u0000${c.b.id}`, c]));
  const result: SiteComparisons = {
    all,
    get: (aId, bId) => byPair.get(`${aId}\u0000${bId}`),
    forSet: (setId) => ({
      previous: all.filter((c) => c.b.id === setId).sort((x, y) => compareFrameworkVersions(y.a.frameworkVersion, x.a.frameworkVersion)),
      next: all.find((c) => c.a.id === setId),
    }),
    forFramework: (frameworkId) => all.filter((c) => c.a.frameworkId === frameworkId),
  };
  cache.set(index, result);
  return result;
}
