import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadDirectory } from '../../src/escalation/directory.js';
import { DEPARTEMENTS, REGIONS } from '../../src/escalation/departements.js';
import { readUnit as read, resolveUnit, routeUnit, UNKNOWN_UNIT } from '../../src/escalation/units.js';

/** The shipped (fictitious) directory: national, DGPN, DGGN, DGEF, Bretagne + 35, Auvergne-Rhône-Alpes + 69. */
const dir = loadDirectory(join(PROJECT_ROOT, 'knowledge', 'ambassadors.yaml'));
/** The reading with every field present, so that « ref: undefined » is checked too. */
const readUnit = (d: typeof dir, text: string) => ({ ref: undefined, ...read(d, text) });

// How agents name their unit, as they type it. Written before the recogniser; the issue's own
// examples are the first five.
const RECOGNISED: [string, string][] = [
  ['préfecture du Rhône', 'dept-69'],
  ['pref 69', 'dept-69'],
  ['DDETS du Rhône', 'dept-69'],
  ['je suis à la DGEF', 'dgef'],
  ['commissariat de Lyon', 'dgpn'],
  // the same unit, other spellings
  ['Préfecture du Rhône', 'dept-69'],
  ['PREFECTURE DU RHONE', 'dept-69'],
  ['préf. 69', 'dept-69'],
  ['pref69', 'dept-69'],
  ['la préf du 69', 'dept-69'],
  ['ddpp 69', 'dept-69'],
  ['Lyon', 'dept-69'],
  ['je travaille à la préfecture de Lyon', 'dept-69'],
  ['Bonjour, je suis à la sous-préfecture du Rhône', 'dept-69'],
  ['69003', 'dept-69'],
  // directorates, with or without a place
  ['DGEF', 'dgef'],
  ['direction générale des étrangers en France', 'dgef'],
  ['je dépends de la DGEF', 'dgef'],
  ['je bosse au commissariat', 'dgpn'],
  ['police nationale', 'dgpn'],
  ['CRS 45', 'dgpn'],
  ['brigade de gendarmerie de Foix', 'dggn'],
  ['gendarmerie', 'dggn'],
  ['groupement de gendarmerie du Finistère', 'dggn'],
  // departments the directory does not declare
  ['préfecture de la Gironde', 'departement:33'],
  ['pref 33', 'departement:33'],
  ['33', 'departement:33'],
  ['Bordeaux', 'departement:33'],
  ['préfecture des Bouches-du-Rhône', 'departement:13'],
  ['bouches du rhone', 'departement:13'],
  ['Corse-du-Sud', 'departement:2A'],
  ['2A', 'departement:2A'],
  ['préfecture de Haute-Corse', 'departement:2B'],
  ['La Réunion', 'departement:974'],
  ['974', 'departement:974'],
  ['préfecture de Mayotte', 'departement:976'],
  ['pref 5', 'departement:05'],
  ['05', 'departement:05'],
  ['sous-préfecture de l’Ain', 'departement:01'],
  ["préfecture de l'Ain", 'departement:01'],
  ['Côte-d’Or', 'departement:21'],
  ["cote d'or", 'departement:21'],
  ['DDTM de Charente-Maritime', 'departement:17'],
  ['Finistère', 'departement:29'],
  ['Seine-Saint-Denis', 'departement:93'],
  // a declared department, every way
  ['Ille-et-Vilaine', 'dept-35'],
  ['ille et vilaine', 'dept-35'],
  ['Rennes', 'dept-35'],
  ['35', 'dept-35'],
  ["Préfecture d'Ille-et-Vilaine", 'dept-35'],
  ['préfecture d’ille-et-vilaine', 'dept-35'],
  // regions
  ['région Bretagne', 'region-bretagne'],
  ['préfecture de région Bretagne', 'region-bretagne'],
  ['SGAR Bretagne', 'region-bretagne'],
  ['préfecture de région à Rennes', 'region-bretagne'],
  ['AURA', 'region-auvergne-rhone-alpes'],
  ['Auvergne Rhône Alpes', 'region-auvergne-rhone-alpes'],
  ['Occitanie', 'region:occitanie'],
  ['région Occitanie', 'region:occitanie'],
  ['PACA', 'region:provence-alpes-cote-d-azur'],
  // the national pool
  ['DTNUM', 'national'],
  ['administration centrale', 'national'],
  ['national', 'national'],
  ['Pool national des ambassadeurs IA (DTNUM)', 'national'],
];

describe('unit recognition', () => {
  it.each(RECOGNISED)('« %s » → %s', (text, ref) => {
    expect(readUnit(dir, text)).toMatchObject({ ref, dontKnow: false, ambiguous: false });
  });

  it.each(['je ne sais pas', 'Je sais pas', 'j’en sais rien', 'aucune idée', 'euh je ne sais pas trop', 'pas sûr', 'jsp'])('« %s » is the « je ne sais pas » path', (text) => {
    expect(readUnit(dir, text)).toMatchObject({ dontKnow: true, ref: undefined });
  });

  it('does not take a sentence that starts with « je ne sais pas » for an answer', () => {
    const r = readUnit(dir, 'je ne sais pas si je peux utiliser ChatGPT pour rédiger un courrier ?');
    expect(r.dontKnow).toBe(false);
    expect(r.leftover).toEqual(expect.arrayContaining(['utiliser', 'chatgpt', 'rediger', 'courrier']));
  });

  it.each(['35 ou 69', 'Rhône ou Gironde', 'DGEF et DGPN'])('« %s » names two units: ambiguous', (text) => {
    expect(readUnit(dir, text)).toMatchObject({ ambiguous: true, ref: undefined });
  });

  it.each(['la préfecture', 'à la pref', 'je suis en région'])('« %s » names a kind of service without a place', (text) => {
    expect(readUnit(dir, text)).toMatchObject({ missingPlace: true, ref: undefined });
  });

  it('leaves unknown units unrecognised, with their words', () => {
    expect(readUnit(dir, 'SGAMI Sud-Est')).toMatchObject({ ref: undefined, ambiguous: false, missingPlace: false, leftover: ['sgami', 'sud'] });
  });

  it('never reads a long message as a unit, even full of unit names', () => {
    const r = readUnit(dir, 'préfecture du Rhône '.repeat(100));
    expect(r).toMatchObject({ tooLong: true, ref: undefined, dontKnow: false });
  });

  it('knows every department by name, by number and by chef-lieu, and every region', () => {
    expect(DEPARTEMENTS).toHaveLength(101);
    expect(new Set(DEPARTEMENTS.map((d) => d.code)).size).toBe(101);
    expect(REGIONS).toHaveLength(18);
    const regions = new Set(REGIONS.map((r) => r.name));
    for (const d of DEPARTEMENTS) {
      expect(regions.has(d.region), d.name).toBe(true);
      const expected = d.code === '35' ? 'dept-35' : d.code === '69' ? 'dept-69' : `departement:${d.code}`;
      expect(readUnit(dir, `préfecture ${d.of}`).ref, d.name).toBe(expected);
      expect(readUnit(dir, `pref ${d.code}`).ref, d.code).toBe(expected);
      if (d.city && d.city !== 'Paris') expect(readUnit(dir, d.city).ref, d.city).toBe(expected);
    }
  });
});

describe('unit resolution and routing fallback', () => {
  const route = (ref: string) => routeUnit(dir, resolveUnit(dir, ref)!);

  it('a declared department nobody covers goes up to the national pool, and says so', () => {
    expect(route('dept-69')).toMatchObject({ unit: { label: 'Préfecture du Rhône', declared: true }, scope: { id: 'national' }, fallback: true });
  });

  it('a department the directory does not declare starts from its region when declared, else from the national pool', () => {
    expect(route('departement:29')).toMatchObject({ unit: { label: 'Préfecture du Finistère', declared: false }, scope: { id: 'region-bretagne' }, fallback: true });
    expect(route('departement:33')).toMatchObject({ unit: { label: 'Préfecture de la Gironde', start: { id: 'national' } }, scope: { id: 'national' }, fallback: true });
    expect(route('region:occitanie')).toMatchObject({ unit: { label: 'Région Occitanie' }, scope: { id: 'national' }, fallback: true });
  });

  it('a covered unit is routed to itself, « je ne sais pas » to the national pool, neither as a fallback', () => {
    expect(route('dept-35')).toMatchObject({ scope: { id: 'dept-35' }, fallback: false });
    expect(route(UNKNOWN_UNIT)).toMatchObject({ unit: { label: 'Structure non précisée', known: false }, scope: { id: 'national' }, fallback: false });
  });

  it('resolves a remembered department to the scope DTNUM declared since, and forgets a scope that is gone', () => {
    expect(resolveUnit(dir, 'departement:69')).toMatchObject({ ref: 'dept-69', declared: true });
    expect(resolveUnit(dir, 'dept-99')).toBeUndefined();
    expect(resolveUnit(dir, 'departement:20')).toBeUndefined();
  });
});
