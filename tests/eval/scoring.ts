import { readFileSync } from 'node:fs';
import { fold } from '../../src/text.js';
import type { AskResult } from '../../src/ask.js';

/** Dev/hidden eval items, as in shared/eval/dev.jsonl. */
export interface EvalItem {
  id: string;
  q: string;
  intent?: string;
  /** Accepted intents when several are right. */
  intent_any?: string[];
  must_mention?: string[][];
  verdicts?: string[];
  data?: string[];
  must_mention_any?: string[];
  escalate?: boolean;
  escalate_or_decline?: boolean;
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const PERMISSIVE = new Set(['allowed', 'allowed_with_conditions']);

export function mentions(answer: string, spelling: string): boolean {
  return fold(answer).includes(fold(spelling));
}

export interface Miss {
  id: string;
  q: string;
  detail: string;
}

export interface Ratio {
  ok: number;
  total: number;
  misses: Miss[];
}

const ratio = (): Ratio => ({ ok: 0, total: 0, misses: [] });
export const pct = (r: Ratio): number => (r.total ? r.ok / r.total : 1);

export interface EvalReport {
  intent: Ratio;
  charterFacts: Ratio;
  charterQuestions: Ratio;
  outOfScope: Ratio;
  escalation: Ratio;
  verdicts: Ratio;
  unsafeAllows: Miss[];
  alternative: Ratio;
}

/** Scores the bot's answers (one AskResult per item, same order). */
export function scoreDev(items: EvalItem[], results: AskResult[]): EvalReport {
  const r: EvalReport = {
    intent: ratio(),
    charterFacts: ratio(),
    charterQuestions: ratio(),
    outOfScope: ratio(),
    escalation: ratio(),
    verdicts: ratio(),
    unsafeAllows: [],
    alternative: ratio(),
  };
  items.forEach((item, i) => {
    const res = results[i]!;
    const miss = (target: Ratio, detail: string) => target.misses.push({ id: item.id, q: item.q, detail });
    r.intent.total++;
    const accepted = item.intent_any ?? [item.intent];
    if (accepted.includes(res.intent ?? '')) r.intent.ok++;
    else miss(r.intent, `expected ${accepted.join('/')}, got ${res.intent}`);

    if (item.must_mention) {
      r.charterQuestions.total++;
      const missing = item.must_mention.filter((fact) => !fact.some((s) => mentions(res.answer, s)));
      r.charterFacts.total += item.must_mention.length;
      r.charterFacts.ok += item.must_mention.length - missing.length;
      if (missing.length === 0) r.charterQuestions.ok++;
      else {
        const detail = `missing ${missing.map((f) => `[${f.slice(0, 3).join(' | ')}]`).join(', ')} — answered from ${res.sources.map((s) => s.id).join(', ') || 'nothing'}`;
        miss(r.charterQuestions, detail);
        miss(r.charterFacts, detail);
      }
    }
    if (item.escalate_or_decline) {
      r.outOfScope.total++;
      if (res.intent === 'out_of_scope' || res.escalate) r.outOfScope.ok++;
      else miss(r.outOfScope, `intent ${res.intent}, escalate ${res.escalate}`);
    }
    if (item.escalate) {
      r.escalation.total++;
      if (res.escalate) r.escalation.ok++;
      else miss(r.escalation, `intent ${res.intent}, escalate false`);
    }
    if (item.verdicts) {
      r.verdicts.total++;
      const got = res.verdict ?? 'null';
      if (item.verdicts.includes(got)) r.verdicts.ok++;
      else miss(r.verdicts, `expected ${item.verdicts.join('/')}, got ${got} (tier ${res.tier})`);
      if (PERMISSIVE.has(got) && !item.verdicts.some((v) => PERMISSIVE.has(v))) {
        r.unsafeAllows.push({ id: item.id, q: item.q, detail: `got ${got}, expected ${item.verdicts.join('/')}` });
      }
      if (item.must_mention_any) {
        r.alternative.total++;
        if (item.must_mention_any.some((s) => mentions(res.answer, s))) r.alternative.ok++;
        else miss(r.alternative, `none of ${item.must_mention_any.join(' | ')} in the answer`);
      }
    }
  });
  return r;
}
