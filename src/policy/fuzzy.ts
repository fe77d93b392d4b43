/**
 * Typo tolerance for tool names: true when `a` and `b` differ by at most one edit (insertion,
 * deletion, substitution or transposition of two adjacent letters). Linear time.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // substitution
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    // transposition
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // insertion / deletion
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Keys under which a word is indexed for one-edit look-ups. Two words of length ≥ 5 within one
 * edit share their first two letters or their last two letters, and their lengths differ by ≤ 1.
 */
export function fuzzyKeys(w: string): string[] {
  return [`${w.length}<${w.slice(0, 2)}`, `${w.length}>${w.slice(-2)}`];
}

export function fuzzyProbeKeys(w: string): string[] {
  const keys: string[] = [];
  for (const len of [w.length - 1, w.length, w.length + 1]) {
    keys.push(`${len}<${w.slice(0, 2)}`, `${len}>${w.slice(-2)}`);
  }
  return keys;
}
