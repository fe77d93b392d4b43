/**
 * CPU time of this process, in milliseconds, for the guard-rail tests that catch a pathological
 * cost (quadratic scans, catastrophic backtracking). Unlike wall time, it does not count the
 * time spent waiting for a core while other processes run, so the bounds hold on a loaded
 * machine; the real speed goals live in `npm run bench`.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Starts a CPU stopwatch; the returned function gives the milliseconds used since. */
export function cpuTimer(): () => number {
  const start = cpuNow();
  return () => cpuNow() - start;
}
