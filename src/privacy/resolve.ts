import { PLACEHOLDERS, type PiiFinding, type ScoredFinding } from './types.js';

/**
 * Keeps non-overlapping findings: higher priority first, then longer spans, then earlier ones.
 * Returns them sorted by start. O(n log n) plus array insertions.
 */
export function resolveOverlaps(candidates: ScoredFinding[]): PiiFinding[] {
  const ordered = candidates
    .filter((c) => c.end > c.start)
    .sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: PiiFinding[] = [];
  for (const c of ordered) {
    // first accepted finding whose end is after c.start
    let lo = 0;
    let hi = accepted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((accepted[mid]?.end ?? 0) <= c.start) lo = mid + 1;
      else hi = mid;
    }
    const next = accepted[lo];
    if (next !== undefined && next.start < c.end) continue;
    accepted.splice(lo, 0, { type: c.type, start: c.start, end: c.end });
  }
  return accepted;
}

/** Replaces each finding (sorted, non-overlapping) by its typed placeholder. */
export function applyRedaction(text: string, findings: readonly PiiFinding[]): string {
  let out = '';
  let cursor = 0;
  for (const f of findings) {
    out += text.slice(cursor, f.start) + PLACEHOLDERS[f.type];
    cursor = f.end;
  }
  return out + text.slice(cursor);
}
