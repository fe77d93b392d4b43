/** Helpers to read the words just before a candidate, within the same sentence. */

/**
 * Up to `max` characters before `index`, cut after the last sentence boundary
 * (";", "!", "?", a line break, or a period followed by a space and an upper-case letter).
 */
export function windowBefore(text: string, index: number, max: number): string {
  const from = Math.max(0, index - max);
  const slice = text.slice(from, index);
  let cut = 0;
  for (let i = slice.length - 1; i >= 0; i--) {
    const c = slice[i];
    if (c === ';' || c === '!' || c === '?' || c === '\n' || c === '\r') {
      cut = i + 1;
      break;
    }
    if (c === '.' && (slice[i + 1] === ' ' || slice[i + 1] === '\n') && /\p{Lu}/u.test(slice[i + 2] ?? '')) {
      cut = i + 1;
      break;
    }
  }
  return slice.slice(cut);
}
