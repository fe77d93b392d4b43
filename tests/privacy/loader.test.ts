import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFirstNames, loadPublicOfficials, PrivacyDataError } from '../../src/privacy/lists.js';
import { loadPrivacyShield } from '../../src/privacy/shield.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KNOWLEDGE = join(ROOT, 'knowledge');
const dirs: string[] = [];

function tempKnowledge(firstNames: string, officials: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'privacy'));
  writeFileSync(join(dir, 'privacy', 'first-names.txt'), firstNames);
  writeFileSync(join(dir, 'privacy', 'public-officials.txt'), officials);
  return dir;
}

const manyNames = Array.from({ length: 120 }, (_, i) => `prenom${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join('\n');

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('shipped data files', () => {
  it('has at least 1,000 distinct first names, including names of immigrant origin', () => {
    const names = loadFirstNames(join(KNOWLEDGE, 'privacy', 'first-names.txt'));
    expect(names.size).toBeGreaterThanOrEqual(1000);
    for (const n of ['karim', 'mehdi', 'yanis', 'nadia', 'kevin', 'chloe', 'fatoumata', 'mamadou', 'anne-marie', 'joao']) {
      expect(names.has(n), n).toBe(true);
    }
    expect(names.has('france')).toBe(false);
  });

  it('lists the signatory of the circular as a public official', () => {
    expect(loadPublicOfficials(join(KNOWLEDGE, 'privacy', 'public-officials.txt'))).toContain('Hugues Moutouh');
  });

  it('loads from the knowledge root or from its privacy folder', () => {
    const text = 'M. Karim BENALI et Hugues Moutouh';
    expect(loadPrivacyShield(KNOWLEDGE).redact(text).redacted).toBe('M. [NOM] et Hugues Moutouh');
    expect(loadPrivacyShield(join(KNOWLEDGE, 'privacy')).redact(text).redacted).toBe('M. [NOM] et Hugues Moutouh');
  });
});

describe('data file validation', () => {
  it('uses the lists of the given directory, with comments and blank lines', () => {
    const dir = tempKnowledge(`# commentaire\n\n${manyNames}\nzorglub\n`, '# officiels\nZorglub Martin\n');
    const shield = loadPrivacyShield(dir);
    expect(shield.findings('Zorglub Martin a signé.')).toEqual([]);
    expect(shield.redact('Zorglub Durand a signé.').redacted).toBe('[NOM] a signé.');
  });

  it('names the file and the line of an invalid first name', () => {
    const dir = tempKnowledge(`${manyNames}\nkarim42\n`, 'Hugues Moutouh\n');
    expect(() => loadPrivacyShield(dir)).toThrow(PrivacyDataError);
    expect(() => loadPrivacyShield(dir)).toThrow(/first-names\.txt.*ligne 121.*karim42/);
  });

  it('rejects a list too short to be the real one', () => {
    const dir = tempKnowledge('karim\nnadia\n', 'Hugues Moutouh\n');
    expect(() => loadPrivacyShield(dir)).toThrow(/first-names\.txt.*au moins 100/);
  });

  it('names the officials file when an entry is not a full name', () => {
    const dir = tempKnowledge(manyNames, 'Moutouh\n');
    expect(() => loadPrivacyShield(dir)).toThrow(/public-officials\.txt.*ligne 1/);
  });

  it('names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-'));
    dirs.push(dir);
    expect(() => loadPrivacyShield(dir)).toThrow(/first-names\.txt.*introuvable/);
  });
});
