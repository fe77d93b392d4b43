/**
 * A tiny, linear-time phrase matcher over folded tokens, used for the tool catalogue, the data
 * lexicon and the automated-decision phrases.
 *
 * Pattern syntax (accent- and case-insensitive; written as agents type, it is folded first):
 *   - words separated by spaces: `casier judiciaire`;
 *   - `word*` matches any word starting with `word` (at least 2 letters): `nominati*`;
 *   - `a|b|c` one word among several (each may end with `*`): `noms|prenom*`;
 *   - `..` skips 0 to 3 words, `..N` skips 0 to N words (N ≤ 6): `liste* .. noms`;
 *   - punctuation inside a word splits it: `you.com` = `you com`, `gpt-4o` = `gpt 4o`.
 * A match never crosses a clause boundary (comma, semicolon, sentence end…).
 *
 * Cost: every pattern is indexed by its first word (exact word or 2-letter prefix bucket); gaps
 * are bounded, so matching is linear in the number of tokens.
 */
import { fold, type Token } from './text.js';

interface WordAlt {
  text: string;
  prefix: boolean;
}

type Slot = { kind: 'word'; alts: WordAlt[] } | { kind: 'gap'; max: number };

export interface CompiledPattern<T> {
  source: string;
  slots: Slot[];
  payload: T;
}

export interface PatternMatch<T> {
  pattern: CompiledPattern<T>;
  /** Token span, end exclusive. */
  start: number;
  end: number;
  /** Indexes of the tokens that matched word slots (gap tokens excluded). */
  wordTokens: number[];
}

export class PatternSyntaxError extends Error {}

const WORD_RE = /^[a-z0-9]+\*?$/;
const MAX_GAP = 6;

/** Parse one pattern; throws PatternSyntaxError with a French message on a malformed pattern. */
export function parsePattern(source: string): Slot[] {
  const folded = fold(source).trim();
  if (!folded) throw new PatternSyntaxError('motif vide');
  const slots: Slot[] = [];
  for (const raw of folded.split(/\s+/)) {
    const gap = /^\.\.(\d)?$/.exec(raw);
    if (gap) {
      const max = gap[1] ? Number(gap[1]) : 3;
      if (max < 1 || max > MAX_GAP) throw new PatternSyntaxError(`saut « ${raw} » : entre ..1 et ..${MAX_GAP}`);
      slots.push({ kind: 'gap', max });
      continue;
    }
    if (raw.includes('|')) {
      const alts = raw.split('|').map((a) => a.trim());
      for (const a of alts) {
        if (!WORD_RE.test(a)) throw new PatternSyntaxError(`alternative « ${a} » invalide dans « ${source} » (un seul mot par alternative)`);
      }
      slots.push({ kind: 'word', alts: alts.map(toAlt) });
      continue;
    }
    // Split on punctuation: "you.com" → you com, "gpt-4o" → gpt 4o, "tl;dv" → tl dv.
    const parts = raw.split(/[^a-z0-9*]+/).filter(Boolean);
    for (const p of parts) {
      if (!WORD_RE.test(p)) throw new PatternSyntaxError(`mot « ${p} » invalide dans « ${source} »`);
      slots.push({ kind: 'word', alts: [toAlt(p)] });
    }
  }
  const first = slots[0];
  const last = slots[slots.length - 1];
  if (!first || first.kind !== 'word') throw new PatternSyntaxError(`le motif « ${source} » doit commencer par un mot`);
  if (!last || last.kind !== 'word') throw new PatternSyntaxError(`le motif « ${source} » doit finir par un mot`);
  for (let i = 1; i < slots.length; i++) {
    if (slots[i]?.kind === 'gap' && slots[i - 1]?.kind === 'gap') throw new PatternSyntaxError(`deux sauts consécutifs dans « ${source} »`);
  }
  return slots;
}

function toAlt(a: string): WordAlt {
  if (a.endsWith('*')) {
    const text = a.slice(0, -1);
    if (text.length < 2) throw new PatternSyntaxError(`préfixe « ${a} » trop court (2 lettres au moins)`);
    return { text, prefix: true };
  }
  return { text: a, prefix: false };
}

function altMatches(alt: WordAlt, w: string): boolean {
  return alt.prefix ? w.startsWith(alt.text) : w === alt.text;
}

/** Canonical folded form of a pattern (to detect duplicates). */
export function canonicalPattern(source: string): string {
  return parsePattern(source)
    .map((s) => (s.kind === 'gap' ? `..${s.max}` : s.alts.map((a) => a.text + (a.prefix ? '*' : '')).sort().join('|')))
    .join(' ');
}

/** A set of compiled patterns, indexed by first word. */
export class PhraseMatcher<T> {
  private readonly exact = new Map<string, CompiledPattern<T>[]>();
  private readonly prefix = new Map<string, CompiledPattern<T>[]>();
  readonly size: number;

  constructor(patterns: { source: string; payload: T }[]) {
    for (const p of patterns) {
      const compiled: CompiledPattern<T> = { source: p.source, slots: parsePattern(p.source), payload: p.payload };
      const first = compiled.slots[0] as { kind: 'word'; alts: WordAlt[] };
      for (const alt of first.alts) {
        const map = alt.prefix ? this.prefix : this.exact;
        const key = alt.prefix ? alt.text.slice(0, 2) : alt.text;
        const list = map.get(key);
        if (list) {
          if (!list.includes(compiled)) list.push(compiled);
        } else map.set(key, [compiled]);
      }
    }
    this.size = patterns.length;
  }

  /** Every match of every pattern (one per pattern and start token: the shortest). */
  matchAll(tokens: readonly Token[]): PatternMatch<T>[] {
    const out: PatternMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const w = (tokens[i] as Token).w;
      const seen = new Set<CompiledPattern<T>>();
      const candidates = [...(this.exact.get(w) ?? []), ...(this.prefix.get(w.slice(0, 2)) ?? [])];
      for (const p of candidates) {
        if (seen.has(p)) continue;
        seen.add(p);
        const words: number[] = [];
        const end = matchSlots(p.slots, 0, tokens, i, words, i);
        if (end >= 0) out.push({ pattern: p, start: i, end, wordTokens: words });
      }
    }
    return out;
  }
}

/**
 * Match slots[si..] at token ti. Returns the end token (exclusive) or -1. `words` collects the
 * word-slot tokens. Gaps are lazy (shortest first) and bounded, so the work per start is bounded.
 */
function matchSlots(slots: Slot[], si: number, tokens: readonly Token[], ti: number, words: number[], start: number): number {
  if (si === slots.length) return ti;
  const slot = slots[si] as Slot;
  if (slot.kind === 'gap') {
    for (let k = 0; k <= slot.max; k++) {
      const at = ti + k;
      if (at >= tokens.length) return -1;
      if (at > start && (tokens[at] as Token).boundary) return -1;
      const mark = words.length;
      const end = matchSlots(slots, si + 1, tokens, at, words, start);
      if (end >= 0) return end;
      words.length = mark;
    }
    return -1;
  }
  const tok = tokens[ti];
  if (!tok) return -1;
  if (ti > start && tok.boundary) return -1;
  if (!slot.alts.some((a) => altMatches(a, tok.w))) return -1;
  words.push(ti);
  const end = matchSlots(slots, si + 1, tokens, ti + 1, words, start);
  if (end < 0) words.pop();
  return end;
}

/** True when two token spans [a.start, a.end) and [b.start, b.end) overlap. */
export function spansOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A set of single folded words, some of them prefixes (`aucun*`). */
export class WordSet {
  private readonly exact = new Set<string>();
  private readonly prefixes: string[] = [];

  constructor(words: readonly string[]) {
    for (const raw of words) {
      const w = fold(raw).trim();
      if (!WORD_RE.test(w)) throw new PatternSyntaxError(`mot « ${raw} » invalide (un seul mot, éventuellement terminé par *)`);
      if (w.endsWith('*')) this.prefixes.push(w.slice(0, -1));
      else this.exact.add(w);
    }
  }

  has(w: string): boolean {
    if (this.exact.has(w)) return true;
    for (const p of this.prefixes) if (w.startsWith(p)) return true;
    return false;
  }
}
