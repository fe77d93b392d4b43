import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveKnowledge, type ReloadOutcome } from '../../src/knowledge/snapshot.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { copyKnowledge } from '../helpers/knowledge-copy.js';
import { witness, writeEntry } from './support.js';

let kb: ReturnType<typeof copyKnowledge>;
let logs: CapturedLogs;
let live: LiveKnowledge;
let outcomes: ReloadOutcome[];

beforeEach(() => {
  kb = copyKnowledge();
  logs = captureLogs();
  live = new LiveKnowledge(kb.dir, logs.logger);
  outcomes = [];
  live.onReload((o) => outcomes.push(o));
});
afterEach(() => {
  live.close();
  kb.remove();
});

const ids = () => live.current().entries.map((e) => e.id);

describe('LiveKnowledge.reload (valid, invalid, swapped whole)', () => {
  it('swaps a valid change in as a new snapshot; a reader holding the old one still sees all of it', () => {
    const before = live.current();
    writeEntry(kb.dir, 'temoin-rechargement', witness());
    expect(live.reload()).toEqual([]);
    expect(ids()).toContain('temoin-rechargement');
    expect(live.current()).not.toBe(before);
    // The old snapshot is untouched: entries, index and lookup table agree with each other.
    expect(before.entries.map((e) => e.id)).not.toContain('temoin-rechargement');
    expect(before.byId.has('temoin-rechargement')).toBe(false);
    expect(before.retriever.search('Question témoin du rechargement à chaud ?').some((h) => h.entry.id === 'temoin-rechargement')).toBe(false);
    expect(live.current().retriever.search('Question témoin du rechargement à chaud ?')[0]?.entry.id).toBe('temoin-rechargement');
    expect(outcomes).toEqual([expect.objectContaining({ ok: true, settled: true, entries: before.entries.length + 1 })]);
  });

  it('refuses an invalid change, keeps serving the previous knowledge, logs every problem in English', () => {
    const before = live.current();
    writeEntry(kb.dir, 'temoin-rechargement', witness().replace(/sources:[\s\S]*?updated/, 'sources: []\nupdated'));
    writeFileSync(join(kb.dir, 'synonyms.yaml'), readFileSync(join(kb.dir, 'synonyms.yaml'), 'utf8') + '\n  - [unclosed\n');
    const problems = live.reload();
    expect(problems.map((p) => p.file)).toEqual(expect.arrayContaining(['faq/temoin-rechargement.md', 'synonyms.yaml']));
    expect(live.current()).toBe(before);
    const error = logs.errors().find((l) => l.msg === 'knowledge reload rejected, previous knowledge kept')!;
    expect(error.details).toEqual(expect.arrayContaining([expect.stringMatching(/^faq\/temoin-rechargement\.md.*\[sources\]: every entry must name its source/)]));
    expect(outcomes[0]).toMatchObject({ ok: false, settled: true, entries: before.entries.length });
    expect(outcomes[0]!.signature).toMatch(/synonyms\.yaml/);
  });

  it('accepts files with a byte-order mark and CRLF line ends (FAQ entry and YAML)', () => {
    writeEntry(kb.dir, 'temoin-rechargement', `\uFEFF${witness().replace(/\n/g, '\r\n')}`);
    const synonyms = readFileSync(join(kb.dir, 'synonyms.yaml'), 'utf8');
    writeFileSync(join(kb.dir, 'synonyms.yaml'), `\uFEFF${synonyms.replace(/\r?\n/g, '\r\n')}`);
    expect(live.reload()).toEqual([]);
    const entry = live.current().byId.get('temoin-rechargement')!;
    expect(entry.title).toBe('Question témoin du rechargement ?');
    expect(entry.body).toBe('Texte témoin du test de rechargement.');
    expect(entry.body).not.toMatch(/\r/);
  });

  it('names the file and line of non-UTF-8 bytes (a Latin-1 save) instead of serving garbled text', () => {
    const before = live.current();
    const latin1 = Buffer.from(witness('temoin-rechargement', 'Réponse enregistrée en Latin-1.'), 'latin1');
    writeFileSync(join(kb.dir, 'faq', 'temoin-rechargement.md'), latin1);
    writeFileSync(join(kb.dir, 'hors-perimetre.yaml'), Buffer.concat([readFileSync(join(kb.dir, 'hors-perimetre.yaml')), Buffer.from('# é\n', 'latin1')]));
    const problems = live.reload();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: 'hors-perimetre.yaml', message: expect.stringMatching(/not UTF-8 text: byte 0xe9 at line \d+, column \d+/) });
    expect(problems[1]).toMatchObject({ file: 'faq/temoin-rechargement.md', line: 3, message: expect.stringMatching(/not UTF-8 text.*Latin-1/) });
    expect(problems[1]!.fix).toMatch(/UTF-8/);
    expect(live.current()).toBe(before);
  });

  it('refuses a half-written file (an editor saving) and takes the finished one at the next reload', () => {
    const full = witness();
    for (const partial of ['', full.slice(0, 20), full.slice(0, full.indexOf('sources:')), full.slice(0, full.lastIndexOf('---'))]) {
      writeEntry(kb.dir, 'temoin-rechargement', partial);
      expect(live.reload().length, JSON.stringify(partial)).toBeGreaterThan(0);
      expect(ids()).not.toContain('temoin-rechargement');
    }
    writeEntry(kb.dir, 'temoin-rechargement', full);
    expect(live.reload()).toEqual([]);
    expect(ids()).toContain('temoin-rechargement');
  });

  it('takes a deleted entry out, and refuses deleting one that others still point to', () => {
    const entries = live.current().entries;
    const pointedTo = new Set(entries.flatMap((e) => e.related));
    const lonely = entries.find((e) => !pointedTo.has(e.id))!;
    const target = entries.find((e) => pointedTo.has(e.id))!;
    unlinkSync(join(kb.dir, lonely.file));
    expect(live.reload()).toEqual([]);
    expect(ids()).not.toContain(lonely.id);
    unlinkSync(join(kb.dir, target.file));
    const problems = live.reload();
    expect(problems.some((p) => p.field === 'related' && p.message.includes(`"${target.id}"`))).toBe(true);
    expect(ids()).toContain(target.id);
  });

  it('ignores editors’ lock and backup files in faq/ (a dangling emacs lock included)', () => {
    symlinkSync('user@host.1234:1700000000', join(kb.dir, 'faq', '.#mirai-portail.md'));
    writeFileSync(join(kb.dir, 'faq', 'mirai-portail.md~'), 'half');
    writeFileSync(join(kb.dir, 'faq', '.mirai-portail.md.swp'), Buffer.from([0xff, 0xfe, 0x00]));
    expect(live.reload()).toEqual([]);
  });

  it('never serves knowledge/drafts/, and a broken draft does not make the knowledge invalid', () => {
    mkdirSync(join(kb.dir, 'drafts'));
    writeFileSync(join(kb.dir, 'drafts', 'temoin-rechargement.md'), witness());
    writeFileSync(join(kb.dir, 'drafts', 'casse.md'), Buffer.from('---\nid: [\n\xff\xfe', 'latin1'));
    expect(live.reload()).toEqual([]);
    expect(ids()).not.toContain('temoin-rechargement');
    expect(live.current().retriever.search('Question témoin du rechargement à chaud ?').some((h) => h.entry.id === 'temoin-rechargement')).toBe(false);
  });
});
