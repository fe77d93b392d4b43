import { describe, it, expect } from 'vitest';
import { plain, textWithChoices } from '../../src/replies.js';

describe('plain-text fallbacks', () => {
  it('strips emphasis and keeps link targets', () => {
    expect(plain('**Autorisé** sous _conditions_ : voir [la charte](https://exemple.invalid/charte).')).toBe(
      'Autorisé sous conditions : voir la charte (https://exemple.invalid/charte).',
    );
  });

  it('numbers the choices', () => {
    expect(textWithChoices({ text: 'Choisissez :', choices: [{ label: 'Un', value: '1' }, { label: 'Deux', value: '2' }] })).toBe('Choisissez :\n\n1. Un\n2. Deux');
  });

  it.each([
    ['brackets', '['.repeat(100_000)],
    ['open links', '[a]('.repeat(25_000)],
    ['stars', '**a'.repeat(30_000)],
    ['underscores', ' _a'.repeat(30_000)],
  ])('stays linear on adversarial %s (generous budget)', (_name, input) => {
    const t = performance.now();
    plain(input);
    expect(performance.now() - t).toBeLessThan(2_000);
  });
});
