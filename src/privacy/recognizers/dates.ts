/** Calendar date shapes written by French agents. */

const MONTHS =
  'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|' +
  'janv\\.?|f[ée]vr?\\.?|avr\\.?|juil\\.?|sept\\.?|oct\\.?|nov\\.?|d[ée]c\\.?';

/**
 * A date: 14/07/1979, 8.4.1983, 14-07-79, 2 juin 1988, 1er mars 1990, 1988-06-02.
 * Sticky-free, global; callers use `exec` from a given lastIndex.
 */
export const DATE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    String.raw`(?:0?[1-9]|[12]\d|3[01])(?<sep>[/.\-])(?:0?[1-9]|1[0-2])\k<sep>(?:(?:19|20)\d{2}|\d{2})` +
    String.raw`|(?:0[1-9]|[12]\d|3[01]) (?:0[1-9]|1[0-2]) (?:19|20)\d{2}` +
    String.raw`|(?:1\s?er|0?[1-9]|[12]\d|3[01])[ \u00A0]{1,3}(?:${MONTHS})[ \u00A0]{1,3}(?:19|20)\d{2}` +
    String.raw`|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])` +
    String.raw`)(?![\p{L}\p{N}]|[/.\-]\d)`,
  'giu',
);
