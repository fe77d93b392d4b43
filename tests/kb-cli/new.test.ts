import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFaqFile } from '../../src/knowledge/loader.js';
import { charteIa, faqFile, fingerprint, knowledgeCopy } from './helpers.js';

const SOURCE = 'circulaire | § 3 | Circulaire de diffusion de la charte, § 3';
const tempFiles = (dir: string) => readdirSync(join(dir, 'faq')).filter((f) => f.startsWith('.') || f.endsWith('.tmp'));

describe('charte-ia kb new', { timeout: 90_000 }, () => {
  it('creates a well-formed entry from flags, then checks it', async () => {
    const dir = knowledgeCopy();
    const { code, stdout, stderr } = await charteIa([
      'kb', 'new', '--knowledge', dir,
      '--id', 'formation-duree',
      '--title', 'Combien de temps dure la formation IA ?',
      '--question', 'Quelle est la durée de la formation IA ?',
      '--question', 'la formation ia prend combien de temps ?',
      '--source', SOURCE,
      '--concept', 'formation-ia',
      '--tag', 'formation, durée',
      '--related', 'formation-for-mi',
      '--body', 'La circulaire ne précise **pas la durée** de la formation : un ambassadeur IA pourra vous renseigner.',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^created .*faq\/formation-duree\.md$/m);
    expect(stdout).toMatch(/kb check/);
    const text = readFileSync(faqFile(dir, 'formation-duree'), 'utf8');
    const { entry, problems } = parseFaqFile('faq/formation-duree.md', text);
    expect(problems).toEqual([]);
    expect(entry).toMatchObject({
      id: 'formation-duree',
      questions: ['Quelle est la durée de la formation IA ?', 'la formation ia prend combien de temps ?'],
      tags: ['formation', 'durée'],
      concepts: ['formation-ia'],
      sources: [{ doc: 'circulaire', section: '§ 3', label: 'Circulaire de diffusion de la charte, § 3' }],
      related: ['formation-for-mi'],
      updated: new Date().toISOString().slice(0, 10),
    });
    expect(tempFiles(dir)).toEqual([]);
    // The bot can load the knowledge with it.
    expect((await charteIa(['kb', 'check', '--knowledge', dir])).code).toBe(0);
  });

  it('refuses a bad or taken id, unknown concepts and related entries, and missing fields, writing nothing', async () => {
    const dir = knowledgeCopy();
    const before = fingerprint(dir);
    const taken = await charteIa(['kb', 'new', '--knowledge', dir, '--id', 'mirai-portail', '--title', 'Une autre question ?', '--question', 'une question ?', '--source', SOURCE, '--body', 'Texte.']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/id "mirai-portail" is already taken \(faq\/mirai-portail\.md exists\)/);
    const bad = await charteIa(['kb', 'new', '--knowledge', dir, '--id', 'Mauvais_Id', '--title', 'Une question ?', '--question', 'une question ?', '--source', 'circulaire', '--concept', 'inconnu', '--related', 'nulle-part']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/id "Mauvais_Id" must be kebab-case/);
    expect(bad.stderr).toMatch(/source « circulaire » must read "doc \| section \| label"/);
    expect(bad.stderr).toMatch(/concept "inconnu" is not defined in concepts\.yaml/);
    expect(bad.stderr).toMatch(/related entry "nulle-part" does not exist/);
    expect(bad.stderr).toMatch(/the answer is missing \(--body TEXT or --body-file FILE\)/);
    const short = await charteIa(['kb', 'new', '--knowledge', dir, '--id', 'titre-court', '--title', 'Quoi', '--question', 'une question ?', '--source', SOURCE, '--body', 'Texte.']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/\[title\]: title must be a real question or heading/);
    expect(fingerprint(dir)).toBe(before);
  });

  it('reads the answer from --body-file (BOM and CRLF accepted, Latin-1 refused)', async () => {
    const dir = knowledgeCopy();
    const body = join(dir, '..', 'reponse.md');
    writeFileSync(body, '\uFEFFPremière ligne de la réponse.\r\n\r\nSeconde ligne, **en gras**.\r\n');
    const args = ['kb', 'new', '--knowledge', dir, '--id', 'reponse-fichier', '--title', 'Une question de test ?', '--question', 'une question de test ?', '--source', SOURCE, '--body-file', body];
    expect((await charteIa(args)).code).toBe(0);
    expect(parseFaqFile('faq/reponse-fichier.md', readFileSync(faqFile(dir, 'reponse-fichier'), 'utf8')).entry?.body).toBe('Première ligne de la réponse.\n\nSeconde ligne, **en gras**.');
    writeFileSync(body, Buffer.from([0x52, 0xe9, 0x70, 0x6f, 0x6e, 0x73, 0x65])); // "Réponse" in Latin-1
    const latin1 = await charteIa([...args.slice(0, 5), 'reponse-latin', ...args.slice(6)]);
    expect(latin1.code).toBe(1);
    expect(latin1.stderr).toMatch(/--body-file .* is not UTF-8 text: byte 0xe9 at line 1, column 2/);
    expect(existsSync(faqFile(dir, 'reponse-latin'))).toBe(false);
  });

  it('asks for the missing fields on a terminal, re-asking for a taken id', async () => {
    const dir = knowledgeCopy();
    const input = [
      'mirai-portail', // taken
      'mirai-horaires',
      'MIRAI est-il disponible la nuit ?',
      'mirai marche la nuit ?',
      'MIRAI est-il accessible le week-end ?',
      '',
      'circulaire sans séparateur', // explained, typed again
      'circulaire | § 2 | Circulaire de diffusion de la charte, § 2',
      '',
      'concept-inconnu',
      'mirai',
      '',
      'mirai',
      'disponibilité',
      '',
      'mirai-portail',
      '',
      'La circulaire ne dit **rien des horaires** de MIRAI.',
      'Un ambassadeur IA pourra vous renseigner.',
      '.',
    ].join('\n');
    const { code, stdout, stderr } = await charteIa(['kb', 'new', '--knowledge', dir], { input: `${input}\n`, interactive: true });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/id "mirai-portail" is already taken/);
    expect(stdout).toMatch(/source « circulaire sans séparateur » must read "doc \| section \| label".*; type it again/);
    expect(stdout).toMatch(/concept "concept-inconnu" is not defined in concepts\.yaml; type it again/);
    const { entry, problems } = parseFaqFile('faq/mirai-horaires.md', readFileSync(faqFile(dir, 'mirai-horaires'), 'utf8'));
    expect(problems).toEqual([]);
    expect(entry).toMatchObject({
      title: 'MIRAI est-il disponible la nuit ?',
      questions: ['mirai marche la nuit ?', 'MIRAI est-il accessible le week-end ?'],
      concepts: ['mirai'],
      tags: ['mirai', 'disponibilité'],
      related: ['mirai-portail'],
      body: 'La circulaire ne dit **rien des horaires** de MIRAI.\nUn ambassadeur IA pourra vous renseigner.',
    });
  });

  it('writes nothing when the input ends before the entry is complete, and never prompts without a terminal', async () => {
    const dir = knowledgeCopy();
    const before = fingerprint(dir);
    const cut = await charteIa(['kb', 'new', '--knowledge', dir], { input: 'une-entree\nUne question ?\n', interactive: true });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/input ended before the entry was complete; nothing written/);
    const piped = await charteIa(['kb', 'new', '--knowledge', dir, '--id', 'sans-terminal'], { input: 'ignored\n' });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toMatch(/--title is missing[\s\S]*run it on a terminal to be asked/);
    expect(fingerprint(dir)).toBe(before);
  });
});
