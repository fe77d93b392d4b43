import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { scanDatabase, scanDatabaseFiles, scanText, type RawValue } from './support/scanner.js';

/** The scanner of the traces test must be able to fail: it finds values deliberately written raw. */

const PHONE: RawValue = { type: 'phone', value: '06 12 48 73 90' };
const IBAN: RawValue = { type: 'iban', value: 'FR76 3000 4008 1900 0123 4567 879' };
const NIR: RawValue = { type: 'nir', value: '1 75 03 75 123 456 78' };
const NAME: RawValue = { type: 'person_name', value: 'Chloé Barbier' };
const EMAIL: RawValue = { type: 'email', value: 'claire.fontaine@interieur.gouv.fr' };
const ALL = [PHONE, IBAN, NIR, NAME, EMAIL];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratchDb(): { file: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'charte-scan-'));
  dirs.push(dir);
  const file = join(dir, 'scratch.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, extra BLOB)');
  return { file, db };
}

describe('trace scanner self-check', () => {
  it('finds a value in a log line, in any of its normalisations', () => {
    expect(scanText('log', '{"msg":"turn","text":"rappeler au 06 12 48 73 90"}', ALL).map((h) => h.value)).toEqual([PHONE.value]);
    expect(scanText('log', 'tel=0612487390;', ALL).map((h) => h.needle)).toEqual(['0612487390']);
    expect(scanText('log', 'tel 06.12.48.73.90', ALL)).toHaveLength(1);
    expect(scanText('log', 'tel 06-12-48-73-90', ALL)).toHaveLength(1);
    expect(scanText('log', 'iban fr7630004008190001234567879', ALL).map((h) => h.value)).toEqual([IBAN.value]);
    expect(scanText('log', 'NIR 175037512345678', ALL).map((h) => h.value)).toEqual([NIR.value]);
    expect(scanText('log', 'dossier de CHLOE BARBIER', ALL).map((h) => h.value)).toContain(NAME.value);
    expect(scanText('log', 'voir Barbier.', ALL).map((h) => h.needle)).toEqual(['Barbier']);
    expect(scanText('log', 'from CLAIRE.FONTAINE@interieur.gouv.fr', ALL).map((h) => h.value)).toContain(EMAIL.value);
  });

  it('finds nothing in masked text, in a timestamp or in an ordinary word', () => {
    expect(scanText('log', 'rappeler [NOM] au [TÉLÉPHONE], NIR [NIR], IBAN [IBAN], [EMAIL]', ALL)).toEqual([]);
    expect(scanText('log', '{"time":17506124873901,"ms":12}', ALL)).toEqual([]);
    expect(scanText('log', 'le barbier du quartier', ALL)).toEqual([]);
  });

  it('finds a value written raw in a scratch database: in a row, in the WAL while open, in the file once closed', () => {
    const { file, db } = scratchDb();
    db.prepare('INSERT INTO notes (body, extra) VALUES (?, ?)').run('ordinaire', Buffer.from('NIR : 175037512345678', 'utf8'));
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('Mme Chloé Barbier, 0612487390');
    const rows = scanDatabase(file, ALL);
    expect(rows.map((h) => `${h.where}:${h.type}`).sort()).toEqual(['db:notes.body:person_name', 'db:notes.body:person_name', 'db:notes.body:phone', 'db:notes.extra:nir']);
    // Not checkpointed yet: the rows live in the WAL file only.
    const open = scanDatabaseFiles(file, ALL);
    expect(open.some((h) => h.where === 'file:scratch.db-wal' && h.type === 'phone')).toBe(true);
    db.close();
    const closed = scanDatabaseFiles(file, ALL);
    expect(closed.some((h) => h.where === 'file:scratch.db' && h.type === 'nir')).toBe(true);
  });

  it('finds a value that was deleted but is still in the file’s free pages', () => {
    const { file, db } = scratchDb();
    db.pragma('secure_delete = OFF');
    db.prepare('INSERT INTO notes (body) VALUES (?)').run(`IBAN ${IBAN.value} ${'x'.repeat(200)}`);
    db.prepare('DELETE FROM notes').run();
    db.close();
    expect(scanDatabase(file, ALL)).toEqual([]);
    expect(scanDatabaseFiles(file, ALL).map((h) => h.type)).toContain('iban');
  });
});
