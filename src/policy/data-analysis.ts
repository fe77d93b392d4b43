/**
 * What kind of data does the agent mean to put into the tool? Lexicon terms (folded, accent-
 * insensitive) are mapped to categories, with negation ("sans aucun nom", "aucune donnée
 * personnelle"), qualifiers ("anonymisé", "déjà publié") and the privacy shield's findings.
 */
import type { CompiledLexicon } from './lexicon.js';
import { spansOverlap, type PatternMatch } from './matcher.js';
import { asTokenized, boundaryBetween, type Token, type TokenizedText } from './text.js';
import { DATA_SEVERITY, RESTRICTED_CATEGORIES, type DataAnalysis, type DataCategory, type DataEvidence } from './types.js';

export interface AnalyzeDataOptions {
  lexicon: CompiledLexicon;
  /** Types of personal data the privacy shield found in the message ('person_name', 'nir'…). */
  piiTypes?: readonly string[];
}

type Span = { start: number; end: number };

/** Qualifier windows are ≤ 8 words and qualifier phrases are short: search this far around a match. */
const QUALIFIER_REACH = 24;

/** True when the match is negated: a cue inside its gaps, or a cue shortly before it. */
export function isNegated(tokens: readonly Token[], m: PatternMatch<unknown>, neg: CompiledLexicon['negation']): boolean {
  const words = new Set(m.wordTokens);
  for (let t = m.start; t < m.end; t++) {
    if (!words.has(t) && neg.cues.has((tokens[t] as Token).w)) return true;
  }
  let j = m.start - 1;
  for (let steps = 0; j >= 0 && steps < neg.window; steps++, j--) {
    if ((tokens[j + 1] as Token).boundary) return false;
    const w = (tokens[j] as Token).w;
    if (neg.cues.has(w)) return true;
    if (neg.breakers.has(w) || !neg.fillers.has(w)) return false;
  }
  return false;
}

/** True when `q` lies within `window` words of `m`, in the same clause, with no breaker between. */
function inScope(tokens: readonly Token[], m: Span, q: Span, window: number, neg: CompiledLexicon['negation']): boolean {
  if (spansOverlap(m, q)) return true;
  const [left, right] = q.start >= m.end ? [m, q] : [q, m];
  const distance = right.start - left.end;
  if (distance < 0 || distance > window) return false;
  if (boundaryBetween(tokens, left.end - 1, right.start)) return false;
  for (let t = left.end; t < right.start; t++) if (neg.breakers.has((tokens[t] as Token).w)) return false;
  return true;
}

function termOf(tokens: readonly Token[], m: PatternMatch<unknown>): string {
  return m.wordTokens.map((t) => (tokens[t] as Token).w).join(' ');
}

export function analyzeData(input: string | TokenizedText, options: AnalyzeDataOptions): DataAnalysis {
  const { lexicon } = options;
  const { tokens } = asTokenized(input);
  const found = new Map<DataCategory, string[]>();
  const add = (category: DataCategory, term: string): void => {
    const terms = found.get(category);
    if (!terms) found.set(category, [term]);
    else if (!terms.includes(term)) terms.push(term);
  };

  // Tokens covered by an exception, per entry ("au nom de" cancels "nom"): linear look-ups.
  const exceptions = new Map<number, Set<number>>();
  for (const e of lexicon.exceptMatcher.matchAll(tokens)) {
    let covered = exceptions.get(e.pattern.payload);
    if (!covered) exceptions.set(e.pattern.payload, (covered = new Set()));
    for (let t = e.start; t < e.end; t++) covered.add(t);
  }
  // Qualifiers sorted by start, searched in a bounded window around each match.
  const qualifiers = lexicon.qualifierMatcher
    .matchAll(tokens)
    .filter((q) => !isNegated(tokens, q, lexicon.negation))
    .map((q) => ({ span: { start: q.start, end: q.end } as Span, def: lexicon.qualifiers[q.pattern.payload] }))
    .sort((a, b) => a.span.start - b.span.start);
  const qualifiersNear = (m: Span): typeof qualifiers => {
    const from = m.start - QUALIFIER_REACH;
    let lo = 0;
    let hi = qualifiers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((qualifiers[mid] as (typeof qualifiers)[number]).span.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: typeof qualifiers = [];
    for (let i = lo; i < qualifiers.length && (qualifiers[i] as (typeof qualifiers)[number]).span.start <= m.end + QUALIFIER_REACH; i++) {
      out.push(qualifiers[i] as (typeof qualifiers)[number]);
    }
    return out;
  };

  for (const m of lexicon.matcher.matchAll(tokens)) {
    const entry = lexicon.entries[m.pattern.payload];
    if (!entry) continue;
    const covered = exceptions.get(m.pattern.payload);
    if (covered && m.wordTokens.some((t) => covered.has(t))) continue;
    const term = termOf(tokens, m);
    if (entry.negatable && isNegated(tokens, m, lexicon.negation)) {
      if (entry.whenNegated !== 'drop') add(entry.whenNegated, term);
      continue;
    }
    const cancelled = new Set<DataCategory>();
    for (const q of qualifiersNear(m)) {
      if (!q.def || (q.def.entries && !q.def.entries.includes(entry.id))) continue;
      if (inScope(tokens, m, q.span, q.def.window, lexicon.negation)) q.def.cancels.forEach((c) => cancelled.add(c));
    }
    for (const c of entry.categories) if (!cancelled.has(c)) add(c, term);
  }

  for (const type of options.piiTypes ?? []) {
    const cats = lexicon.piiTypes.overrides[type] ?? lexicon.piiTypes.default;
    for (const c of cats) add(c, `pii:${type}`);
  }

  // Implications (closure): e.g. protected (Diffusion Restreinte) ⇒ confidential.
  const queue = [...found.keys()];
  while (queue.length) {
    const c = queue.shift() as DataCategory;
    for (const implied of lexicon.implies[c] ?? []) {
      if (!found.has(implied)) queue.push(implied);
      add(implied, `implied:${c}`);
    }
  }

  return summarise(found);
}

/**
 * Restricted categories (protected, sensitive, personal, confidential) supersede the others:
 * content that holds any of them is not "public" or merely "internal". Otherwise the most severe
 * of internal / public is kept.
 */
function summarise(found: Map<DataCategory, string[]>): DataAnalysis {
  const present = DATA_SEVERITY.filter((c) => found.has(c));
  const restricted = present.filter((c) => RESTRICTED_CATEGORIES.includes(c));
  const categories = restricted.length ? restricted : present.slice(0, 1);
  const evidence: DataEvidence[] = [];
  for (const c of categories) for (const term of found.get(c) ?? []) evidence.push({ category: c, term });
  return { categories, evidence, unknown: categories.length === 0 };
}

/** Severity rank (0 = most severe). */
export function severityRank(c: DataCategory): number {
  return DATA_SEVERITY.indexOf(c);
}
