/** Timing helpers for the benchmarks: repeated runs, median and p95. */

export interface Timing {
  runs: number;
  median: number;
  p95: number;
  min: number;
}

/** Percentile by nearest rank over sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0]! };
}

/** Run `fn` `runs` times after `warmup` unmeasured runs; milliseconds per run. */
export async function time(fn: () => unknown, runs: number, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
export const kilobytes = (bytes: number) => `${(bytes / 1e3).toFixed(1)} KB`;
