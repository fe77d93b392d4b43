import { describe, expect, it } from 'vitest';
import { readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { charteIa, faqFile, knowledgeCopy } from './helpers.js';

const LINE = /^(error|warning|note) +\S+(?::\d+)?(?: \[[^\]]+\])?: .+$/;

function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after, `edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(file, after);
}

describe('charte-ia kb check', { timeout: 90_000 }, () => {
  it('passes on the shipped knowledge: exit 0, one line per finding with severity, file:line, message and fix', async () => {
    const { code, stdout } = await charteIa(['kb', 'check']);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((l) => /^(error|warning|note) /.test(l));
    for (const l of lines) expect(l).toMatch(LINE);
    expect(lines.some((l) => l.startsWith('error'))).toBe(false);
    expect(stdout).toMatch(/Knowledge OK: \d+ FAQ entries, .*; 0 error\(s\), \d+ warning\(s\)/);
  });

  it('reports two entries the retriever cannot tell apart, with both ids, the phrasing, its line and a fix', async () => {
    const dir = knowledgeCopy();
    const text = readFileSync(faqFile(dir, 'mirai-portail'), 'utf8');
    writeFileSync(faqFile(dir, 'mirai-portail-copie'), text.replace('id: mirai-portail', 'id: mirai-portail-copie'));
    const { code, stdout } = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(0);
    const phrasings = text.split('\n').filter((l) => /^  - "/.test(l)).length;
    const copyLines = stdout.split('\n').filter((l) => l.startsWith('warning faq/mirai-portail-copie.md:'));
    // Two identical entries: every phrasing of the copy ties with the original or loses.
    expect(copyLines).toHaveLength(phrasings);
    const first = text.split('\n').findIndex((l) => l.includes('"À quoi sert le portail MIRAI ?"')) + 1;
    const line = copyLines.find((l) => l.includes('« À quoi sert le portail MIRAI ? »'));
    expect(line).toMatch(new RegExp(`^warning faq/mirai-portail-copie\\.md:${first} \\[questions\\.\\d+\\]: phrasing « À quoi sert le portail MIRAI \\? » of "mirai-portail-copie" is a near tie with "mirai-portail" \\(faq/mirai-portail\\.md; gap 0\\.0 %\\)`));
    expect(line).toMatch(/\(fix: make the two entries distinct/);
    // Without the copy, the shipped entry has no tie on that phrasing.
    const shipped = await charteIa(['kb', 'check']);
    expect(shipped.stdout).not.toMatch(/« À quoi sert le portail MIRAI \? »/);
  });

  it('--margin widens or narrows what counts as a near tie', async () => {
    const ties = (out: string) => out.split('\n').filter((l) => l.includes(' is a near tie with ')).length;
    const none = await charteIa(['kb', 'check', '--margin', '0']);
    const wide = await charteIa(['kb', 'check', '--margin', '0.2']);
    expect(ties(none.stdout)).toBe(0);
    expect(ties(wide.stdout)).toBeGreaterThan(0);
    const bad = await charteIa(['kb', 'check', '--margin', 'beaucoup']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--margin "beaucoup": must be a number from 0 to 1/);
  });

  it('warns about entries not reviewed for KB_STALE_DAYS or --stale-days, and refuses a bad value', async () => {
    const dir = knowledgeCopy();
    edit(faqFile(dir, 'mirai-donnees'), (t) => t.replace(/^updated: .*$/m, 'updated: 2021-03-01'));
    const first = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^warning faq\/mirai-donnees\.md:\d+ \[updated\]: not reviewed for \d+ days \(updated 2021-03-01; the limit is 365 days\) \(fix: /m);
    const wide = await charteIa(['kb', 'check', '--knowledge', dir, '--stale-days', '36000']);
    expect(wide.stdout).not.toMatch(/not reviewed/);
    process.env.KB_STALE_DAYS = '36000';
    try {
      expect((await charteIa(['kb', 'check', '--knowledge', dir])).stdout).not.toMatch(/not reviewed/);
      process.env.KB_STALE_DAYS = 'soon';
      await expect(charteIa(['kb', 'check', '--knowledge', dir])).rejects.toThrow(/KB_STALE_DAYS="soon"/);
    } finally {
      delete process.env.KB_STALE_DAYS;
    }
    const bad = await charteIa(['kb', 'check', '--knowledge', dir, '--stale-days', 'jamais']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--stale-days "jamais": must be a whole number/);
  });

  it('fails with exit 1 on a broken reference, and warns about a source without section', async () => {
    const dir = knowledgeCopy();
    edit(faqFile(dir, 'mirai-portail'), (t) => t.replace(/^related: \[/m, 'related: [entree-disparue, ').replace(/    section: "§ 2"\n/, ''));
    const { code, stderr } = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error +faq\/mirai-portail\.md \[related\]: related entry "entree-disparue" does not exist \(fix: /m);
    expect(stderr).toMatch(/^warning faq\/mirai-portail\.md:\d+ \[sources\.0\]: source "Circulaire de diffusion de la charte, § 2" does not say which part/m);
    expect(stderr).toMatch(/1 error\(s\), .* the bot refuses this knowledge/);

    // An entry without sources: the field is named, and its referrers are not told it does not exist.
    edit(faqFile(dir, 'mirai-donnees'), (t) => t.replace(/^sources:\n(?: {2,}.*\n)+/m, ''));
    const missing = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error +faq\/mirai-donnees\.md \[sources\]: the field "sources" is missing \(fix: add sources: with at least one/m);
    expect(missing.stderr).toMatch(/^error +faq\/mirai-portail\.md \[related\]: related entry "mirai-donnees" cannot be loaded \(see the errors of faq\/mirai-donnees\.md\)/m);
  });

  it('checks the tool catalogue against the data lexicon and the privacy shield', async () => {
    const dir = knowledgeCopy();
    const lexicon = parse(readFileSync(join(dir, 'data-lexicon.yaml'), 'utf8'));
    const term = (lexicon.entries as { id: string; terms: string[] }[]).flatMap((e) => e.terms.map((t) => ({ id: e.id, t }))).find((x) => /^[a-z]+$/.test(x.t))!;
    lexicon.piiTypes.overrides = { numero_de_badge: ['personal'] };
    writeFileSync(join(dir, 'data-lexicon.yaml'), stringify(lexicon));
    const tools = parse(readFileSync(join(dir, 'tools.yaml'), 'utf8'));
    tools.tools.push({ id: 'outil-ambigu', name: 'Outil ambigu', tier: 'public_ai', aliases: [term.t], notes: 'test' });
    tools.notTools.push('Outil ambigu');
    tools.tools[0].aliases.push('outil ambigu');
    writeFileSync(join(dir, 'tools.yaml'), stringify(tools));
    const { code, stdout } = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(`warning tools.yaml [tools.outil-ambigu.aliases]: alias « ${term.t} » of tool "outil-ambigu" is also a data term of lexicon entry "${term.id}"`);
    expect(stdout).toMatch(/warning tools\.yaml \[notTools\]: « outil ambigu » is in notTools but is an alias of tool/);
    expect(stdout).toMatch(/warning data-lexicon\.yaml \[piiTypes\.overrides\.numero_de_badge\]: "numero_de_badge" is not a type of personal data/);
  });

  it('lists every problem of both policy files, not only the first one', async () => {
    const dir = knowledgeCopy();
    edit(join(dir, 'tools.yaml'), (t) => t.replace(/tier: mirai/, 'tier: portail'));
    edit(join(dir, 'data-lexicon.yaml'), (t) => t.replace(/^negation:\n  window: \d+/m, 'negation:\n  window: 99'));
    const { code, stderr } = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error +tools\.yaml: tools\[\d+\] \(id « [a-z0-9-]+ »\), champ tier : valeur « portail » invalide/m);
    expect(stderr).toMatch(/^error +data-lexicon\.yaml: champ negation\.window : /m);
  });

  it('checks the directory: duplicate ambassador ids, unknown scopes, scopes without anyone, parent loops, an empty national pool', async () => {
    const dir = knowledgeCopy();
    const file = join(dir, 'ambassadors.yaml');
    const directory = parse(readFileSync(file, 'utf8'));
    directory.ambassadors.push({ ...directory.ambassadors[0], identities: { console: 'autre' }, scopes: ['nulle-part'] });
    writeFileSync(file, stringify(directory));
    const loader = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(loader.code).toBe(1);
    expect(loader.stderr).toMatch(/ambassadors\.yaml: ambassadors\.exemple-camille: duplicate ambassador id/);
    expect(loader.stderr).toMatch(/ambassadors\.exemple-camille\.scopes: unknown scope "nulle-part"/);

    directory.ambassadors = directory.ambassadors.slice(0, -1).filter((a: { scopes: string[] }) => !a.scopes.includes('national'));
    directory.scopes.find((s: { id: string }) => s.id === 'region-bretagne').parent = 'dept-35';
    writeFileSync(file, stringify(directory));
    const routing = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(routing.code).toBe(1);
    expect(routing.stderr).toMatch(/^error +ambassadors\.yaml \[scopes\.national\]: the national pool "national" has no ambassador and no room/m);
    expect(routing.stderr).toMatch(/^error +ambassadors\.yaml \[scopes\.dept-35\.parent\]: the parents of scope "dept-35" loop back \(dept-35 → region-bretagne → dept-35\)/m);
    expect(routing.stderr).toMatch(/^warning ambassadors\.yaml \[scopes\.dggn\]: scope "dggn" .* has no ambassador and no room/m);
  });

  it('reads files with a BOM and CRLF line ends, and reports non-UTF-8 bytes, half-written files and editor lock files without crashing', async () => {
    const dir = knowledgeCopy();
    const portail = faqFile(dir, 'mirai-portail');
    writeFileSync(portail, `\uFEFF${readFileSync(portail, 'utf8').replace(/\n/g, '\r\n')}`);
    writeFileSync(join(dir, 'synonyms.yaml'), `\uFEFF${readFileSync(join(dir, 'synonyms.yaml'), 'utf8').replace(/\n/g, '\r\n')}`);
    const clean = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    const latin1 = Buffer.from(readFileSync(faqFile(dir, 'mirai-donnees'), 'utf8').replace('données', 'donn\u0000es'), 'utf8');
    latin1[latin1.indexOf(0)] = 0xe9; // "é" as Windows-1252 writes it
    writeFileSync(faqFile(dir, 'mirai-donnees'), latin1);
    writeFileSync(faqFile(dir, 'formation-for-mi'), readFileSync(faqFile(dir, 'formation-for-mi'), 'utf8').slice(0, 200));
    const { code, stderr } = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error +faq\/mirai-donnees\.md:\d+: not UTF-8 text: byte 0xe9 at line \d+, column \d+ .*\(fix: save the file again with the UTF-8 encoding/m);
    expect(stderr).toMatch(/^error +faq\/formation-for-mi\.md:1: the front matter is never closed/m);

    // An editor's lock file (Emacs: a dangling link ".#name.md") is named, without a crash.
    symlinkSync('agent@poste.4242:1764000000', join(dir, 'faq', '.#mirai-portail.md'));
    const locked = await charteIa(['kb', 'check', '--knowledge', dir]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/^error +faq\/\.#mirai-portail\.md: broken link \(an editor lock file/m);
    // The loader skips hidden files: listing still works while the editor holds its lock.
    const list = await charteIa(['kb', 'list', '--knowledge', dir]);
    expect(list.stderr).not.toMatch(/ENOENT/);
    expect(list.stdout).toMatch(/mirai-portail/);
    unlinkSync(join(dir, 'faq', '.#mirai-portail.md'));

    const json = await charteIa(['kb', 'check', '--knowledge', dir, '--json']);
    const report = JSON.parse(json.stdout) as { ok: boolean; error: number; findings: { severity: string; check: string; file: string }[] };
    expect(report.ok).toBe(false);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.check)).toEqual(expect.arrayContaining(['encoding', 'schema']));
  });
});
