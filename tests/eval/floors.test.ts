import { describe, it, expect, beforeAll } from 'vitest';
import { evaluate, type FullReport } from './evaluate.js';
import { pct } from './scoring.js';

/** The dev-set floors of the issues. A hidden set with other wording measures the same things. */
describe('dev-set floors', () => {
  let report: FullReport;
  beforeAll(async () => {
    report = await evaluate();
  }, 120_000);

  it('finds the charter facts (every fact of ≥ 90 % of questions)', () => {
    expect(pct(report.dev.charterFacts)).toBeGreaterThanOrEqual(0.9);
    expect(pct(report.dev.charterQuestions)).toBeGreaterThanOrEqual(0.9);
  });

  it('handles out-of-scope questions (≥ 90 %)', () => {
    expect(pct(report.dev.outOfScope)).toBeGreaterThanOrEqual(0.9);
  });

  it('escalates requests for a human (≥ 90 %)', () => {
    expect(pct(report.dev.escalation)).toBeGreaterThanOrEqual(0.9);
  });

  it('classifies intents (≥ 90 %)', () => {
    expect(pct(report.dev.intent)).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the right tool verdicts (≥ 90 %) and never an unsafe allow', () => {
    expect(pct(report.dev.verdicts)).toBeGreaterThanOrEqual(0.9);
    expect(report.dev.unsafeAllows).toEqual([]);
  });

  it('names the safer alternative when a consumer tool is refused (≥ 90 %)', () => {
    expect(pct(report.dev.alternative)).toBeGreaterThanOrEqual(0.9);
  });

  it('finds personal data (recall ≥ 95 %, precision ≥ 90 %)', () => {
    expect(report.pii.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.pii.precision).toBeGreaterThanOrEqual(0.9);
  });
});
