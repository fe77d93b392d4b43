import type { DurationStats } from './model.js';

/**
 * Order statistics for the report. Percentiles use the nearest-rank method (the value below which
 * p % of the sorted values fall, always one of the values); the median of an even count is the
 * mean of the two middle values.
 */

export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile, p in (0, 100]. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}

export function durationStats(values: readonly number[]): DurationStats {
  const clean = values.filter((v) => Number.isFinite(v) && v >= 0);
  const stats: DurationStats = { count: clean.length };
  const m = median(clean);
  const p = percentile(clean, 90);
  if (m !== undefined) stats.median = m;
  if (p !== undefined) stats.p90 = p;
  return stats;
}

/** Sorted [key, count] pairs of a tally, most frequent first, ties by key. */
export function ranked(tally: ReadonlyMap<string, number>): [string, number][] {
  return [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
