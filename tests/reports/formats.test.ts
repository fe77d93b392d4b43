import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStores, type SqliteStores } from '../../src/store/sqlite/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { buildReport } from '../../src/reports/build.js';
import { loadReportKnowledge } from '../../src/reports/knowledge.js';
import { renderText } from '../../src/reports/text.js';
import { renderCsv, csvField } from '../../src/reports/csv.js';
import { renderHtml } from '../../src/reports/html.js';
import { TABLE_NAMES } from '../../src/reports/tables.js';
import type { Report } from '../../src/reports/model.js';
import { runCli } from '../cli/run-cli.js';
import { main } from '../../src/cli.js';

/** Runs the CLI in this process (faster than spawning it); stdout and stderr captured. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => ({ write: (chunk: string) => (add(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const code = await main(args, { stdin: process.stdin, stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}
import { FORMULA, HOSTILE, NOW, PERIOD, seed } from './seed.js';

const KNOWLEDGE = join(PROJECT_ROOT, 'knowledge');

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF), to check what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else if (c === '\n') throw new Error(`bare LF at ${i}`);
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function reportOf(stores: SqliteStores): Promise<Report> {
  const { knowledge, notes } = loadReportKnowledge(KNOWLEDGE);
  return buildReport({ stores, period: PERIOD, knowledge, notes, now: NOW });
}

let seeded: SqliteStores;
let report: Report;
let empty: Report;
beforeAll(async () => {
  seeded = openSqliteStores(':memory:');
  await seed(seeded);
  report = await reportOf(seeded);
  const none = openSqliteStores(':memory:');
  empty = await reportOf(none);
  await none.close();
});
afterAll(async () => {
  await seeded.close();
});

describe('text report', () => {
  it('has French headings, aligned numbers and the questions on one safe line', () => {
    const text = renderText(report);
    for (const h of ['En bref', 'Questions sans réponse sûre (12, en 6 groupes)', 'Avis des agents', 'Intentions sur la période', 'Échanges par jour', 'Verdicts des vérifications d’outil', 'Demandes aux ambassadeurs, par périmètre', 'Demandes encore ouvertes']) {
      expect(text).toContain(h);
    }
    expect(text).toMatch(/Échanges : 138 \(Teams : 106 \(77 %\), Tchap : 32 \(23 %\)\)/);
    expect(text).toMatch(/Pool national des ambassadeurs IA \(DTNUM\)\s+4\s+1\s+3\s+4\s+25 min\s+40 min\s+4\s+30 min\s+45 min/);
    // A terminal escape in a question is neutralised: no control character reaches the terminal.
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).toContain('<script>alert("x")</script>');
    // Columns line up: every row of a table has its numbers ending in the same column.
    const verdicts = text.split('\n').filter((l) => /^  (Autorisé sous conditions|Non autorisé)\s+\d+$/.test(l));
    expect(verdicts).toHaveLength(2);
    expect(new Set(verdicts.map((l) => l.length)).size).toBe(1);
  });

  it('one table alone with --table', () => {
    const text = renderText(report, 'verdicts');
    expect(text.split('\n')[0]).toBe('Verdicts des vérifications d’outil');
    expect(text).not.toContain('En bref');
  });

  it('an empty store says there is nothing to report instead of printing empty tables', () => {
    const text = renderText(empty);
    expect(text).toContain('Rien à signaler sur la période');
    expect(text).not.toContain('─');
  });
});

describe('CSV report', () => {
  it('is RFC 4180 with a UTF-8 BOM, one table per --table, formulas neutralised', () => {
    for (const name of TABLE_NAMES) {
      const csv = renderCsv(report, name);
      expect(csv.startsWith('\ufeff')).toBe(true);
      expect(csv.endsWith('\r\n')).toBe(true);
      const rows = parseCsv(csv.slice(1));
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.length)).size).toBe(1); // every row has the header's width
    }
    const questions = parseCsv(renderCsv(report, 'questions').slice(1));
    expect(questions[0]).toEqual(['Nombre', 'Première fois', 'Dernière fois', 'Confiance max.', 'Question représentative', 'Autres formulations']);
    expect(questions[1]!.slice(0, 3)).toEqual(['4', '2026-11-03', '2026-11-24']);
    const reps = questions.map((r) => r[4]);
    expect(reps).toContain(`'${FORMULA}`);
    expect(reps.find((q) => q?.includes('<script>'))).toMatch(/^<script>alert\("x"\)<\/script>.*rouge/);
    expect(reps.join('')).not.toContain('\u001b');
    const tickets = parseCsv(renderCsv(report, 'tickets').slice(1));
    expect(tickets[0]).toContain('Délai de prise en charge, médiane (min)');
    expect(tickets.find((r) => r[0] === 'Pool national des ambassadeurs IA (DTNUM)')!.slice(1)).toEqual(['4', '1', '3', '4', '25', '40', '4', '30', '45']);
  });

  it('without --table, every table under its title line', () => {
    const csv = renderCsv(report);
    for (const name of TABLE_NAMES) expect(csv).toContain(`[${name}]`);
    expect(parseCsv(csv.slice(1)).length).toBeGreaterThan(40);
  });

  it('quotes fields holding a comma, a quote or a line break', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('dit "non"')).toBe('"dit ""non"""');
    expect(csvField('ligne 1\nligne 2')).toBe('ligne 1 ligne 2');
    expect(csvField('-1 point')).toBe("'-1 point");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});

describe('HTML report', () => {
  it('is self-contained and escapes every stored text', () => {
    const html = renderHtml(report);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|img|link|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp;');
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('<title id="t-1">');
  });

  it('an empty store gives a friendly page', () => {
    const html = renderHtml(empty);
    expect(html).toContain('Rien à signaler');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('<svg');
  });
});

describe('many groups', () => {
  it('lists at most 50 groups on screen and in the page, every group in the CSV', () => {
    const groups = Array.from({ length: 60 }, (_, i) => ({ representative: `Question numéro ${i}`, count: 1, first: '2026-11-02', last: '2026-11-02', examples: [], bestConfidence: 0 }));
    const many: Report = { ...report, questions: { total: 60, groups, truncated: false } };
    const text = renderText(many);
    expect(text).toContain('« Question numéro 49 »');
    expect(text).not.toContain('« Question numéro 50 »');
    expect(text).toContain('… et 10 autres groupes (tous : --format csv --table questions).');
    expect(renderHtml(many)).toContain('… et 10 autres groupes, dans le tableau ci-dessous.');
    expect(parseCsv(renderCsv(many, 'questions').slice(1))).toHaveLength(61);
  });
});

describe('charte-ia report (command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'charte-report-'));
  const db = join(dir, 'charte.db');
  beforeAll(async () => {
    const s = openSqliteStores(db);
    await seed(s);
    await s.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report to --out in the chosen format', async () => {
    const out = join(dir, 'questions.csv');
    const r = await runCli(['report', '--database', db, '--since', '2026-11-01', '--until', '2026-11-30', '--format', 'csv', '--table', 'questions', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/report written to .*questions\.csv \(csv, \d+ bytes, 2026-11-01 to 2026-11-30\)/);
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeffNombre,Première fois/);
    const text = await cli(['report', '--database', db, '--since', '2026-11-01', '--until', '2026-11-30']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Questions sans réponse sûre (12, en 6 groupes)');
  });

  it('refuses bad flags with a clear English message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--since', '2026-13-01'], /--since: "2026-13-01" is not a date; write it YYYY-MM-DD/],
      [['--until', '30/11/2026'], /--until: "30\/11\/2026" is not a date/],
      [['--since', '2026-12-01', '--until', '2026-11-01'], /--since 2026-12-01 is after --until 2026-11-01/],
      [['--format', 'pdf'], /--format: "pdf" is not a report format; use text, csv or html/],
      [['--table', 'nope'], /--table: "nope" is not a table of the report; use one of questions, feedback/],
      [['--since', '1990-01-01', '--until', '2026-01-01'], /longer than 3660 days/],
      [['novembre'], /unexpected argument "novembre"/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['report', '--database', db, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const unknown = await runCli(['report', '--database', db, '--sinse', '2026-11-01']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--sinse'/);
    const missing = await cli(['report', '--database', join(dir, 'absent.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at ".*absent\.db"/);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });
});
