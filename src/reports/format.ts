/** French formatting of numbers, shares and durations for the report, and text made safe to print. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function frNumber(n: number, digits = 0): string {
  return n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/\u202f|\u00a0/g, ' ');
}

/** « 1 groupe », « 3 groupes » (French: 0 and 1 take the singular). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${frNumber(n)} ${Math.abs(n) >= 2 ? pluralForm : singular}`;
}

/** « 42 % » of a part in a whole (« – » for an empty whole). */
export function frShare(part: number, whole: number): string {
  return whole > 0 ? `${frNumber((100 * part) / whole)} %` : '–';
}

/** « 45 s », « 12 min », « 2 h 05 », « 3 j 4 h »; « – » when unknown. */
export function frDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) {
    const minutes = Math.round(ms / MINUTE);
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  }
  const hours = Math.round(ms / HOUR);
  return hours % 24 ? `${Math.floor(hours / 24)} j ${hours % 24} h` : `${hours / 24} j`;
}

/** Minutes with one decimal, for spreadsheets (undefined stays empty). */
export function minutes(ms: number | undefined): number | null {
  return ms === undefined || !Number.isFinite(ms) ? null : Math.round(ms / 6_000) / 10;
}

/**
 * Text from users made safe for a terminal or a spreadsheet cell: control characters (ANSI escapes,
 * line breaks) and bidirectional overrides become spaces, runs of spaces one space.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters (a longer text ends with « … »). */
export function clipText(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
