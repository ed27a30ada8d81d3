/**
 * How the build's warnings are counted, wherever a count is shown (set pages, the footer, the
 * data-quality page, the set summaries and the build's report): a warning counts once per
 * occurrence, each row or place in a file it names. Browser-safe.
 */
import type { WarningKind } from '../ingest/rules/index.ts';
import type { DataWarning } from './schema.ts';

/** How many warnings these are: their occurrences, all told. */
export function warningTotal(warnings: readonly Pick<DataWarning, 'occurrences'>[]): number {
  return warnings.reduce((n, w) => n + w.occurrences.length, 0);
}

/** The warning total of each set that has warnings, by set id. */
export function warningTotalsBySet(warnings: readonly DataWarning[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const w of warnings) totals.set(w.setId, (totals.get(w.setId) ?? 0) + w.occurrences.length);
  return totals;
}

/** The warnings of each kind that occurs, in their given order. */
export function warningsByKind<W extends Pick<DataWarning, 'kind'>>(warnings: readonly W[]): Map<WarningKind, W[]> {
  const byKind = new Map<WarningKind, W[]>();
  for (const w of warnings) {
    const list = byKind.get(w.kind);
    if (list) list.push(w);
    else byKind.set(w.kind, [w]);
  }
  return byKind;
}
