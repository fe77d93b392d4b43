import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scorePii, type PiiCase } from '../../src/privacy/score.js';
import { loadPrivacyShield } from '../../src/privacy/shield.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEV_SET = join(ROOT, 'tests', 'eval', 'pii-dev.jsonl');
const EXTRA_SET = join(ROOT, 'tests', 'privacy', 'pii-extra.jsonl');

function readCases(file: string): PiiCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as PiiCase);
}

const shield = loadPrivacyShield(join(ROOT, 'knowledge'));

describe('privacy shield on labelled messages', () => {
  it('the dev set is in place', () => {
    expect(existsSync(DEV_SET)).toBe(true);
  });

  it('scores recall ≥ 95 % and precision ≥ 90 % on the PII dev set', () => {
    const score = scorePii(readCases(DEV_SET), shield);
    expect(score.misses).toEqual([]);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('generalises to other names, numbers and streets (extra labelled set)', () => {
    const cases = readCases(EXTRA_SET);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const score = scorePii(cases, shield);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });
});
