import { describe, expect, it } from 'vitest';
import { scorePii, type PiiCase } from '../../src/privacy/score.js';
import type { PiiFinding } from '../../src/privacy/types.js';

/** A fake shield returning fixed findings per text. */
function fake(map: Record<string, PiiFinding[]>): { findings(text: string): PiiFinding[] } {
  return { findings: (text) => map[text] ?? [] };
}

describe('scorePii', () => {
  const text = 'M. Karim BENALI au 06 12 48 73 90.';
  const cases: PiiCase[] = [
    {
      id: 'a',
      text,
      pii: [
        { type: 'person_name', value: 'Karim BENALI' },
        { type: 'phone', value: '06 12 48 73 90' },
      ],
    },
  ];

  it('matches on overlap and same type', () => {
    const score = scorePii(cases, fake({ [text]: [{ type: 'person_name', start: 0, end: 15 }, { type: 'phone', start: 19, end: 27 }] }));
    expect(score).toMatchObject({ recall: 1, precision: 1, tp: 2, fp: 0, fn: 0, expected: 2, found: 2 });
  });

  it('counts a finding of another type as both a miss and a false positive', () => {
    const score = scorePii(cases, fake({ [text]: [{ type: 'person_name', start: 3, end: 15 }, { type: 'nir', start: 19, end: 33 }] }));
    expect(score.recall).toBe(0.5);
    expect(score.precision).toBe(0.5);
    expect(score.misses).toEqual([{ id: 'a', type: 'phone', value: '06 12 48 73 90', foundAs: ['nir'] }]);
    expect(score.falsePositives).toEqual([{ id: 'a', type: 'nir', value: '06 12 48 73 90', start: 19, end: 33 }]);
  });

  it('reports labelled values missing from the text and handles empty sets', () => {
    const score = scorePii([{ id: 'b', text: 'rien', pii: [{ type: 'email', value: 'x@y.fr' }] }], fake({}));
    expect(score).toMatchObject({ recall: 0, precision: 1, fn: 1 });
    expect(score.misses[0]?.note).toBeDefined();
    expect(scorePii([], fake({}))).toMatchObject({ recall: 1, precision: 1, tp: 0, fp: 0, fn: 0 });
  });

  it('places repeated values on successive occurrences', () => {
    const twice = 'Dupont et Dupont';
    const score = scorePii(
      [{ text: twice, pii: [{ type: 'person_name', value: 'Dupont' }, { type: 'person_name', value: 'Dupont' }] }],
      fake({ [twice]: [{ type: 'person_name', start: 10, end: 16 }] }),
    );
    expect(score.tp).toBe(1);
    expect(score.fn).toBe(1);
  });
});
