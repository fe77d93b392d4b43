/**
 * Which tool is the question about? Catalogue aliases (case/accent-insensitive, whole words,
 * longest match, one typo tolerated on names of 5+ letters), case-sensitive names ("Le Chat"),
 * generic consumer mentions ("un traducteur en ligne"), MIRAI and business-app phrases.
 * "une IA", "l'IA", "cet outil" alone name no tool: the result is then null.
 *
 * When several tools are named, the least institutional one is assessed (public_ai, then MIRAI,
 * then business app): the answer is then never more permissive than it should be.
 */
import type { CompiledCatalogue } from './catalogue.js';
import { fuzzyProbeKeys, withinOneEdit } from './fuzzy.js';
import { asTokenized, type Token, type TokenizedText } from './text.js';
import type { ToolDetection, ToolTier } from './types.js';

interface Mention {
  tool: number;
  start: number;
  end: number;
  /** Exact alias (2) > case-sensitive alias (1) > typo-tolerant match (0). */
  quality: number;
}

/** Words that, just before a mention, say the tool is absent ("à défaut d'application métier"). */
const ABSENCE_CUES = new Set(['sans', 'aucun', 'aucune', 'defaut', 'faute', 'absence', 'manque', 'lieu']);
const ABSENCE_FILLERS = new Set(['d', 'de', 'du', 'des', 'l', 'la', 'le', 'les', 'un', 'une', 'y', 'a', 'il', 'n', 'pas', 'passer', 'par']);

const TIER_RANK: Record<ToolTier, number> = { public_ai: 0, mirai: 1, business_app: 2 };

function isAbsent(tokens: readonly Token[], start: number): boolean {
  for (let j = start - 1, steps = 0; j >= 0 && steps < 4; j--, steps++) {
    if ((tokens[j + 1] as Token).boundary) return false;
    const w = (tokens[j] as Token).w;
    if (ABSENCE_CUES.has(w)) return true;
    // "pas d'application métier", "il n'y a pas de logiciel…"
    if (w === 'pas' && j + 1 < start && ['d', 'de', 'du'].includes((tokens[j + 1] as Token).w)) return true;
    if (!ABSENCE_FILLERS.has(w)) return false;
  }
  return false;
}

/** Token span covering the character range [from, to). */
function charRangeToTokens(tokens: readonly Token[], from: number, to: number): { start: number; end: number } | null {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < tokens.length && (tokens[end] as Token).start < to) end++;
  return end > lo ? { start: lo, end } : null;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function caseSensitiveMentions(text: string, tokens: readonly Token[], catalogue: CompiledCatalogue): Mention[] {
  const out: Mention[] = [];
  for (const { text: alias, tool } of catalogue.caseSensitive) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(alias, from);
      if (at < 0) break;
      from = at + alias.length;
      const before = at > 0 ? (text[at - 1] as string) : '';
      const after = text[at + alias.length] ?? '';
      if ((before && LETTER_OR_DIGIT.test(before)) || (after && LETTER_OR_DIGIT.test(after))) continue;
      const span = charRangeToTokens(tokens, at, at + alias.length);
      if (span) out.push({ tool, ...span, quality: 1 });
    }
  }
  return out;
}

function fuzzyMentions(tokens: readonly Token[], catalogue: CompiledCatalogue, taken: Mention[]): Mention[] {
  const out: Mention[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const m of taken) covered.fill(1, m.start, m.end);
  tokens.forEach((tok, i) => {
    const w = tok.w;
    if (w.length < 5 || covered[i] || catalogue.fuzzyExclusions.has(w)) return;
    for (const key of fuzzyProbeKeys(w)) {
      const hit = catalogue.fuzzyIndex.get(key)?.find((a) => a.word !== w && withinOneEdit(a.word, w));
      if (hit) {
        out.push({ tool: hit.tool, start: i, end: i + 1, quality: 0 });
        return;
      }
    }
  });
  return out;
}

/** Keep mentions not strictly dominated by an overlapping longer (or better) mention. */
function resolveOverlaps(mentions: Mention[], tokenCount: number): Mention[] {
  const sorted = [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start) || b.quality - a.quality || a.start - b.start);
  const covered = new Uint8Array(tokenCount);
  const kept: Mention[] = [];
  for (const m of sorted) {
    if (covered.subarray(m.start, m.end).some((c) => c === 1)) continue;
    covered.fill(1, m.start, m.end);
    kept.push(m);
  }
  return kept;
}

const INTRODUCER =
  /\b(?:utiliser|employer|essayer|tester|installer|via|passer par|l['’]outil|l['’]application|l['’]appli|le logiciel|le site|la plateforme|le chatbot|l['’]assistant)\s+([A-ZÀ-Ý][\w.-]{1,30})/gu;
const DOMAIN_LIKE = /(?<![@\w.])([A-Za-z][\w-]{1,30}\.(?:ai|io|app|com|fr|net|org|dev|so|co|tech|chat))(?![\w.@-])/g;

/** A tool name the catalogue does not know ("Zorglub.ai", "utiliser Zorglub"), or null. */
function unknownToolName(text: string, catalogue: CompiledCatalogue): string | null {
  for (const m of text.matchAll(DOMAIN_LIKE)) {
    const name = m[1] as string;
    if (!/gouv|interieur/i.test(name)) return name;
  }
  for (const m of text.matchAll(INTRODUCER)) {
    const name = (m[1] as string).replace(/[.-]+$/, '');
    const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (!catalogue.notTools.has(folded) && name.length > 1) return name;
  }
  return null;
}

export function detectTool(input: string | TokenizedText, catalogue: CompiledCatalogue): ToolDetection {
  const { text, tokens } = asTokenized(input);
  const exact: Mention[] = catalogue.matcher.matchAll(tokens).map((m) => ({ tool: m.pattern.payload, start: m.start, end: m.end, quality: 2 }));
  const cased = caseSensitiveMentions(text, tokens, catalogue);
  const fuzzy = fuzzyMentions(tokens, catalogue, [...exact, ...cased]);
  const mentions = resolveOverlaps([...exact, ...cased, ...fuzzy], tokens.length).filter((m) => !isAbsent(tokens, m.start));

  if (mentions.length === 0) return { tool: null, generic: false, unknownName: unknownToolName(text, catalogue) };

  const rank = (m: Mention): number => {
    const t = catalogue.tools[m.tool];
    if (!t) return 99;
    return TIER_RANK[t.tier] * 2 + (t.generic ? 1 : 0);
  };
  mentions.sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const best = catalogue.tools[(mentions[0] as Mention).tool];
  if (!best) return { tool: null, generic: false, unknownName: null };
  return { tool: { id: best.id, name: best.name, tier: best.tier }, generic: best.generic, unknownName: null };
}
