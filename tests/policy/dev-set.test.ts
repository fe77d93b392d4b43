/**
 * Runs assessToolQuestion over the tool_check questions of the dev set (tests/eval/dev.jsonl,
 * else /work/shared/eval/dev.jsonl). Thresholds: verdict accuracy ≥ 90 %, zero unsafe allow
 * (a permissive verdict where no accepted verdict is permissive), and the safer alternative
 * present whenever a consumer tool is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/policy/types.js';
import { assessToolQuestion } from '../../src/policy/verdict.js';
import { renderAssessment } from '../../src/policy/render.js';
import { policy } from './helpers.js';

interface DevItem {
  id: string;
  q: string;
  intent: string;
  verdicts?: Verdict[];
  data?: string[];
  must_mention_any?: string[];
}

const CANDIDATES = [fileURLToPath(new URL('../eval/dev.jsonl', import.meta.url)), '/work/shared/eval/dev.jsonl'];
const file = CANDIDATES.find((f) => existsSync(f));
const items: DevItem[] = file
  ? readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as DevItem)
      .filter((i) => i.intent === 'tool_check')
  : [];

const PERMISSIVE: Verdict[] = ['allowed', 'allowed_with_conditions'];
const norm = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

describe('dev set — tool checks', () => {
  it('finds the dev set', () => {
    expect(file).toBeDefined();
    expect(items.length).toBeGreaterThanOrEqual(20);
  });

  const results = items.map((item) => ({ item, a: assessToolQuestion(item.q, { policy: policy() }) }));

  it('reaches at least 90 % verdict accuracy', () => {
    const wrong = results.filter(({ item, a }) => !item.verdicts?.includes(a.verdict)).map(({ item, a }) => `${item.id}: ${a.verdict} (${a.ruleId})`);
    const accuracy = (results.length - wrong.length) / results.length;
    expect(accuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('never allows where no permissive verdict is accepted', () => {
    const unsafe = results
      .filter(({ item, a }) => PERMISSIVE.includes(a.verdict) && !item.verdicts?.some((v) => PERMISSIVE.includes(v)))
      .map(({ item }) => item.id);
    expect(unsafe).toEqual([]);
  });

  it('gives the safer alternative when a consumer tool is refused', () => {
    for (const { item, a } of results) {
      if (!item.must_mention_any || a.verdict !== 'not_allowed') continue;
      const text = norm(renderAssessment(a).text);
      expect(item.must_mention_any.some((m) => text.includes(norm(m))), item.id).toBe(true);
    }
  });

  it('recognises the data categories when the set gives them', () => {
    let hits = 0;
    let total = 0;
    for (const { item, a } of results) {
      if (!item.data) continue;
      total++;
      const got = new Set<string>(a.data);
      if (item.data.some((d) => got.has(d))) hits++;
    }
    expect(hits / total).toBeGreaterThanOrEqual(0.9);
  });
});
