import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import snowball from 'snowball-stemmers';
import { frenchStem } from '../../src/knowledge/french-stemmer.js';

/** The reference: the Snowball French stemmer of the `snowball-stemmers` package. */
const reference = snowball.newStemmer('french');

const SUFFIXES = (
  'ance ique isme able iste eux ances iques ismes ables istes atrice ateur ation atrices ateurs ations logie logies ' +
  'usion ution usions utions ence ences ement ements ivement eusement ablement iquement ièrement ité ités abilité icité ' +
  'ivité if ive ifs ives ative atif icatif eaux aux euse euses issement issements amment emment ment ments îmes ît îtes ' +
  'i ie ies ir ira irai iraient irais irait iras irent irez iriez irions irons iront is issaient issais issait issant ' +
  'issante issantes issants isse issent isses issez issiez issions issons it ions é ée ées és èrent er era erai eraient ' +
  'erais erait eras erez eriez erions erons eront ez iez âmes ât âtes a ai aient ais ait ant ante antes ants as asse ' +
  'assent asses assiez assions ion sion tion ier ière iers ières e ë guë s es enne onne ette elle eille ennes ç yer yons'
).split(' ');
const ROOTS = ['form', 'utilis', 'don', 'sécur', 'princip', 'ambassad', 'finis', 'parl', 'chois', 'gouvern', 'qu', 'pai', 'vo', 'cré', 'ni', 'jou', 'ennu', 'tap', 'par', 'col', 'oui', 'y', 'bai'];

function vocabulary(): string[] {
  const words = new Set<string>();
  const circular = '/work/shared/sources/circulaire-charte-ia.txt';
  if (existsSync(circular)) for (const w of readFileSync(circular, 'utf8').toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  for (const r of ROOTS) for (const s of SUFFIXES) for (const link of ['', 'e', 'i', 'u']) words.add(r + link + s);
  // Pseudo-random words over the French alphabet, accents included (deterministic).
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const alphabet = 'aeiouyâàëéêèïîôûùbcdfglmnpqrstvçz';
  for (let i = 0; i < 20000; i++) {
    const len = 1 + Math.floor(next() * 12);
    let w = '';
    for (let j = 0; j < len; j++) w += alphabet[Math.floor(next() * alphabet.length)];
    words.add(w);
  }
  return [...words];
}

describe('French stemmer', () => {
  it('gives exactly the stems of the snowball-stemmers package', () => {
    const mismatches: string[] = [];
    const words = vocabulary();
    for (const w of words) {
      const expected = reference.stem(w);
      const actual = frenchStem(w);
      if (actual !== expected) mismatches.push(`${w}: ${actual} (expected ${expected})`);
    }
    expect(words.length).toBeGreaterThan(20000);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it('stems common charter words as expected', () => {
    expect(frenchStem('formations')).toBe('format');
    expect(frenchStem('ambassadeurs')).toBe('ambassadeur');
    expect(frenchStem('utilisation')).toBe('utilis');
    expect(frenchStem('données')).toBe('don');
  });
});
