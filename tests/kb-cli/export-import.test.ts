import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKnowledgeBase } from '../../src/knowledge/loader.js';
import { formatCsv, parseCsv } from '../../src/kb/csv.js';
import { readXlsx, writeXlsx } from '../../src/kb/xlsx.js';
import { charteIa, faqFile, fingerprint, knowledgeCopy } from './helpers.js';

const today = () => new Date().toISOString().slice(0, 10);

async function exported(dir: string, format: 'csv' | 'xlsx', extra: string[] = []): Promise<string> {
  const file = join(dir, '..', `faq.${format}`);
  const { code, stdout } = await charteIa(['kb', 'export', '--knowledge', dir, '--format', format, '--out', file, ...extra]);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^\d+ entries written to /);
  return file;
}

describe('charte-ia kb export / import', { timeout: 90_000 }, () => {
  it('export then import changes nothing, in CSV (comma and semicolon) and in XLSX', async () => {
    const dir = knowledgeCopy();
    const before = fingerprint(dir);
    const count = readKnowledgeBase(dir).entries.length;
    for (const [format, extra] of [['csv', []], ['csv', ['--separator', ';']], ['xlsx', []]] as const) {
      const file = await exported(dir, format, [...extra]);
      const { code, stdout } = await charteIa(['kb', 'import', file, '--knowledge', dir]);
      expect(code).toBe(0);
      expect(stdout).toContain(`unchanged ${count} entries\n0 file(s) written, 0 deleted`);
    }
    expect(fingerprint(dir)).toBe(before);
    const csv = readFileSync(await exported(dir, 'csv'));
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('\r\nmirai-portail,');
  });

  it('applies a reviewed sheet: reports added, modified fields, missing entries kept; --delete-missing deletes them', async () => {
    const dir = knowledgeCopy();
    const table = readXlsx(readFileSync(await exported(dir, 'xlsx')));
    const col = (name: string) => table[0]!.indexOf(name);
    const row = (id: string) => table.find((r) => r[0] === id)!;
    row('mirai-portail')[col('questions')] += '\nMIRAI, on y accède comment depuis chez soi ?';
    row('mirai-portail')[col('tags')] = 'mirai, portail';
    const donnees = row('mirai-donnees');
    donnees[col('body')] = `${donnees[col('body')]}\n\nComplément relu par la DTNUM.`;
    // A French spreadsheet writes dates as DD/MM/YYYY: the day after the current date.
    const next = new Date(Date.parse(`${donnees[col('updated')]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    donnees[col('updated')] = next.split('-').reverse().join('/');
    table.push(['mirai-nouvelle', 'Une nouvelle question sur MIRAI ?', 'nouvelle question mirai ?', 'mirai', '', 'circulaire | § 2 | Circulaire de diffusion de la charte, § 2', 'mirai-portail', '', 'Réponse **nouvelle**.']);
    const removed = table.findIndex((r) => r[0] === 'sigles-charte-ia');
    const sigles = readFileSync(faqFile(dir, 'sigles-charte-ia'), 'utf8');
    table.splice(removed, 1);
    const file = join(dir, '..', 'revue.xlsx');
    writeFileSync(file, writeXlsx(table));

    const before = fingerprint(dir);
    const dry = await charteIa(['kb', 'import', file, '--knowledge', dir, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('added     mirai-nouvelle');
    expect(dry.stdout).toContain(`modified  mirai-portail: questions, tags; updated set to ${today()}`);
    expect(dry.stdout).toContain('modified  mirai-donnees: updated, body');
    expect(dry.stdout).toContain('missing   sigles-charte-ia: not in the sheet: kept (--delete-missing deletes it)');
    expect(dry.stdout).toMatch(/dry run: nothing written \(3 file\(s\) would be written, 0 deleted\)/);
    expect(fingerprint(dir)).toBe(before);

    const run = await charteIa(['kb', 'import', file, '--knowledge', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 file(s) written, 0 deleted');
    const entries = new Map(readKnowledgeBase(dir).entries.map((e) => [e.id, e]));
    expect(entries.get('mirai-portail')!.questions.at(-1)).toBe('MIRAI, on y accède comment depuis chez soi ?');
    expect(entries.get('mirai-portail')!.tags).toEqual(['mirai', 'portail']);
    expect(entries.get('mirai-portail')!.updated).toBe(today());
    expect(entries.get('mirai-donnees')!.updated).toBe(next);
    expect(entries.get('mirai-donnees')!.body.endsWith('Complément relu par la DTNUM.')).toBe(true);
    expect(entries.get('mirai-nouvelle')).toMatchObject({ concepts: ['mirai'], related: ['mirai-portail'], updated: today(), body: 'Réponse **nouvelle**.' });
    expect(readFileSync(faqFile(dir, 'sigles-charte-ia'), 'utf8')).toBe(sigles);
    expect((await charteIa(['kb', 'check', '--knowledge', dir])).code).toBe(0);

    // Deleting an entry another one relates to would break the knowledge: refused, nothing deleted.
    const linked = table.filter((r) => r[0] !== 'signataire-circulaire');
    const linkedFile = join(dir, '..', 'lie.xlsx');
    writeFileSync(linkedFile, writeXlsx(linked));
    const refused = await charteIa(['kb', 'import', linkedFile, '--knowledge', dir, '--delete-missing']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/faq\/destinataires-circulaire\.md \[related\]: related entry "signataire-circulaire" does not exist/);
    expect(existsSync(faqFile(dir, 'signataire-circulaire'))).toBe(true);
    expect(existsSync(faqFile(dir, 'sigles-charte-ia'))).toBe(true);

    // The same sheet again: nothing left to change; then the missing entry is deleted on request.
    const again = await charteIa(['kb', 'import', file, '--knowledge', dir, '--delete-missing']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('deleted   sigles-charte-ia');
    expect(again.stdout).toMatch(/0 file\(s\) written, 1 deleted/);
    expect(existsSync(faqFile(dir, 'sigles-charte-ia'))).toBe(false);
  });

  it('refuses a sheet with missing columns, duplicate, empty or bad ids, naming each row, and writes nothing', async () => {
    const dir = knowledgeCopy();
    const before = fingerprint(dir);
    const table = parseCsv(readFileSync(await exported(dir, 'csv'), 'utf8'));
    const broken = table.map((r) => [...r]);
    broken[2]![0] = broken[1]![0]!;
    broken[3]![0] = '';
    broken[4]![0] = 'Entrée Accentuée';
    broken[5]![1] = 'Qu';
    const file = join(dir, '..', 'casse.csv');
    writeFileSync(file, formatCsv(broken, ';'));
    const bad = await charteIa(['kb', 'import', file, '--knowledge', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^kb import: 4 problem\(s\) in casse\.csv; nothing imported:/);
    expect(bad.stderr).toContain(`  - row 3: id "${broken[1]![0]}" is already on row 2 (one row per entry)`);
    expect(bad.stderr).toContain('  - row 4: the id is empty');
    expect(bad.stderr).toContain('  - row 5: id "Entrée Accentuée" must be kebab-case');
    expect(bad.stderr).toMatch(/  - row 6 \([a-z0-9-]+\), title: title must be a real question or heading/);

    writeFileSync(file, formatCsv(table.map((r) => r.filter((_, i) => i !== 5 && i !== 8))));
    const columns = await charteIa(['kb', 'import', file, '--knowledge', dir]);
    expect(columns.code).toBe(1);
    expect(columns.stderr).toMatch(/row 1: missing column\(s\) sources, body/);
    expect(fingerprint(dir)).toBe(before);
  });

  it('refuses changes that would break the knowledge as a whole (an unknown related entry), writing nothing', async () => {
    const dir = knowledgeCopy();
    const before = fingerprint(dir);
    const table = parseCsv(readFileSync(await exported(dir, 'csv'), 'utf8'));
    table[1]![table[0]!.indexOf('related')] = 'entree-inexistante';
    table[2]![table[0]!.indexOf('title')] = 'Un titre modifié pour voir ?';
    const file = join(dir, '..', 'lien.csv');
    writeFileSync(file, formatCsv(table));
    const { code, stderr } = await charteIa(['kb', 'import', file, '--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/with these changes the knowledge would have 1 error\(s\); nothing imported/);
    expect(stderr).toMatch(/related entry "entree-inexistante" does not exist/);
    expect(fingerprint(dir)).toBe(before);
  });

  it('explains a non-UTF-8 CSV, a half-saved CSV and a truncated workbook', async () => {
    const dir = knowledgeCopy();
    const before = fingerprint(dir);
    const latin1 = join(dir, '..', 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('id;title;questions;sources;body\nx;Qu'), Buffer.from([0xe9]), Buffer.from(' ?;q;s;b\n')]));
    const enc = await charteIa(['kb', 'import', latin1, '--knowledge', dir]);
    expect(enc.code).toBe(1);
    expect(enc.stderr).toMatch(/latin1\.csv is not UTF-8 text: byte 0xe9 at line 2, column 5 .*save as "CSV UTF-8 \(comma delimited\)"; nothing imported/);
    const half = join(dir, '..', 'moitie.csv');
    writeFileSync(half, 'id,title,questions,sources,body\nmirai-portail,"Titre,début de réponse\n');
    expect((await charteIa(['kb', 'import', half, '--knowledge', dir])).stderr).toMatch(/moitie\.csv, line 2: a quoted cell opened on line 2 is never closed/);
    const xlsx = await exported(dir, 'xlsx');
    writeFileSync(xlsx, readFileSync(xlsx).subarray(0, 2000));
    const cut = await charteIa(['kb', 'import', xlsx, '--knowledge', dir]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/faq\.xlsx: not a readable \.xlsx workbook: .*; nothing imported/);
    expect((await charteIa(['kb', 'import', join(dir, 'absent.csv'), '--knowledge', dir])).stderr).toMatch(/cannot read .*absent\.csv: ENOENT/);
    expect(fingerprint(dir)).toBe(before);
  });

  it('imports a workbook written by another program (openpyxl 3.0.9: numeric entities, a real date cell)', async () => {
    const dir = knowledgeCopy();
    const file = join(import.meta.dirname, 'fixtures', 'openpyxl-two-new-entries.xlsx');
    const { code, stdout, stderr } = await charteIa(['kb', 'import', file, '--knowledge', dir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('added     mirai-horaires-test\nadded     formation-duree-test\n');
    expect(stdout).toMatch(/missing   mirai-portail: not in the sheet: kept/);
    const entries = new Map(readKnowledgeBase(dir).entries.map((e) => [e.id, e]));
    expect(entries.get('mirai-horaires-test')).toMatchObject({
      questions: ['mirai marche la nuit ?', 'MIRAI le week-end ?'],
      tags: ['mirai', 'disponibilité'],
      sources: [{ doc: 'circulaire', section: '§ 2', label: 'Circulaire de diffusion de la charte, § 2' }],
      related: ['mirai-portail'],
      updated: '2026-11-30',
      body: 'La circulaire ne dit **rien des horaires** de MIRAI.\n\nUn ambassadeur IA pourra vous renseigner.',
    });
    expect(entries.get('formation-duree-test')).toMatchObject({ concepts: ['formation-ia'], tags: [], related: [], updated: today() });
  });

  it('asks for a format and an output file for XLSX', async () => {
    const none = await charteIa(['kb', 'export']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give --format csv or --format xlsx/);
    expect((await charteIa(['kb', 'export', '--format', 'xlsx'])).stderr).toMatch(/give --out FILE\.xlsx/);
    const stdout = await charteIa(['kb', 'export', '--format', 'csv']);
    expect(stdout.code).toBe(0);
    expect(parseCsv(stdout.stdout)[0]).toEqual(['id', 'title', 'questions', 'concepts', 'tags', 'sources', 'related', 'updated', 'body']);
  });
});
