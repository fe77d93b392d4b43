import type { PiiFinding } from './types.js';

/** One labelled message: its text and the personal data it contains. */
export interface PiiCase {
  id?: string;
  text: string;
  pii: { type: string; value: string }[];
}

export interface PiiMiss {
  id?: string;
  type: string;
  value: string;
  /** What the shield found over that span instead, if anything (e.g. "phone"). */
  foundAs?: string[];
  /** Set when the labelled value does not occur in the text. */
  note?: string;
}

export interface PiiFalsePositive {
  id?: string;
  type: string;
  value: string;
  start: number;
  end: number;
}

export interface PiiScore {
  /** Expected spans matched / expected spans (1 when nothing is expected). */
  recall: number;
  /** Findings matching an expected span / findings (1 when nothing is found). */
  precision: number;
  /** Expected spans matched by at least one finding of the same type. */
  tp: number;
  /** Findings matching no expected span. */
  fp: number;
  /** Expected spans left unmatched. */
  fn: number;
  expected: number;
  found: number;
  misses: PiiMiss[];
  falsePositives: PiiFalsePositive[];
}

interface Span {
  type: string;
  value: string;
  start: number;
  end: number;
}

/** Places labelled values in the text: each value takes its first occurrence not already taken. */
function locate(text: string, pii: PiiCase['pii']): { spans: Span[]; missing: PiiCase['pii'] } {
  const spans: Span[] = [];
  const missing: PiiCase['pii'] = [];
  for (const p of pii) {
    let from = 0;
    let placed = false;
    while (p.value.length > 0) {
      const at = text.indexOf(p.value, from);
      if (at === -1) break;
      const end = at + p.value.length;
      if (!spans.some((s) => s.type === p.type && s.start === at && s.end === end)) {
        spans.push({ type: p.type, value: p.value, start: at, end });
        placed = true;
        break;
      }
      from = at + 1;
    }
    if (!placed) missing.push(p);
  }
  return { spans, missing };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Scores a shield on labelled messages with span-overlap matching: a finding matches an
 * expected span when both have the same type and their spans overlap.
 */
export function scorePii(cases: readonly PiiCase[], shield: { findings(text: string): PiiFinding[] }): PiiScore {
  let expected = 0;
  let found = 0;
  let tp = 0;
  let matchedFindings = 0;
  const misses: PiiMiss[] = [];
  const falsePositives: PiiFalsePositive[] = [];

  for (const c of cases) {
    const findings = shield.findings(c.text);
    const { spans, missing } = locate(c.text, c.pii);
    expected += c.pii.length;
    found += findings.length;
    for (const m of missing) misses.push({ id: c.id, type: m.type, value: m.value, note: 'valeur absente du texte' });
    for (const s of spans) {
      if (findings.some((f) => f.type === s.type && overlaps(f, s))) tp++;
      else {
        const foundAs = findings.filter((f) => overlaps(f, s)).map((f) => f.type);
        misses.push({ id: c.id, type: s.type, value: s.value, ...(foundAs.length > 0 ? { foundAs } : {}) });
      }
    }
    for (const f of findings) {
      if (spans.some((s) => s.type === f.type && overlaps(f, s))) matchedFindings++;
      else falsePositives.push({ id: c.id, type: f.type, value: c.text.slice(f.start, f.end), start: f.start, end: f.end });
    }
  }

  return {
    recall: expected === 0 ? 1 : tp / expected,
    precision: found === 0 ? 1 : matchedFindings / found,
    tp,
    fp: found - matchedFindings,
    fn: expected - tp,
    expected,
    found,
    misses,
    falsePositives,
  };
}
