import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, sniffSeparator, CsvError } from '../../src/kb/csv.js';
import { readXlsx, writeXlsx, XlsxError } from '../../src/kb/xlsx.js';
import { readZip, writeZip } from '../../src/zip/zip.js';
import { readSheet, sheetDate } from '../../src/kb/sheet.js';

const TRICKY = [
  ['id', 'texte'],
  ['a', 'deux\nlignes, une virgule ; un point-virgule'],
  ['b', 'des "guillemets" et des accents : é à ç œ « »'],
  ['c', ''],
  ['d', '  espaces autour  '],
];

describe('CSV (RFC 4180)', () => {
  it('round-trips quotes, separators, embedded line breaks and accents, with a BOM and CRLF rows', () => {
    for (const sep of [',', ';'] as const) {
      const text = formatCsv(TRICKY, sep);
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).toContain('\r\n');
      expect(text).toContain('"des ""guillemets"" et des accents : é à ç œ « »"');
      expect(sniffSeparator(text.slice(1))).toBe(sep);
      expect(parseCsv(text)).toEqual(TRICKY);
    }
  });

  it('reads what spreadsheets write: LF or CRLF rows, CRLF inside quoted cells, a last row without line end', () => {
    expect(parseCsv('id;texte\r\na;"un\r\ndeux"\r\nb;trois')).toEqual([['id', 'texte'], ['a', 'un\ndeux'], ['b', 'trois']]);
    expect(parseCsv('id,texte\na,"x"\n')).toEqual([['id', 'texte'], ['a', 'x']]);
    expect(parseCsv('id\ttexte\na\tb\n')).toEqual([['id', 'texte'], ['a', 'b']]);
  });

  it('reports a quoted cell that is never closed (a half-saved file) with its line', () => {
    try {
      parseCsv('id,texte\na,"ouvert\nsans fin\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).line).toBe(2);
      expect((e as Error).message).toMatch(/quoted cell opened on line 2 is never closed/);
    }
  });
});

describe('XLSX', () => {
  it('round-trips text cells (line breaks, XML characters, accents, empty cells)', () => {
    const rows = [...TRICKY, ['e', '<b>&amp; "x" \'y\' \u0001 _x0041_'], ['f']];
    expect(readXlsx(writeXlsx(rows))).toEqual(rows);
  });

  it('reads shared strings, rich-text runs, numbers, booleans, sparse cells and prefixed tags', () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>
      <x:row r="3"><x:c r="B3" t="n"><x:v>46358</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="str"><x:f>A1</x:f><x:v>id</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const shared = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si><si><r><t>deux </t></r><r><rPr><b/></rPr><t xml:space="preserve">morceaux&#10;é</t></r><rPh><t>ignoré</t></rPh></si></sst>`;
    const workbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="7" r:id="rId3"/></sheets></workbook>`;
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/feuille.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`;
    const zip = writeZip([
      { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
      { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
      { name: 'xl/worksheets/feuille.xml', data: Buffer.from(sheet) },
      { name: 'xl/strings.xml', data: Buffer.from(shared) },
    ]);
    expect(readXlsx(zip)).toEqual([['id', '', 'deux morceaux\né'], [], ['', '46358', 'TRUE', 'id']]);
    expect(sheetDate('46358')).toBe('2026-12-02');
    expect(sheetDate('02/12/2026')).toBe('2026-12-02');
    expect(sheetDate('hier')).toBeUndefined();
  });

  it('refuses a truncated, damaged or non-workbook file with a clear message', () => {
    const good = writeXlsx(TRICKY);
    expect(() => readXlsx(good.subarray(0, good.length - 40))).toThrow(XlsxError);
    expect(() => readXlsx(good.subarray(0, good.length - 40))).toThrow(/not a readable \.xlsx workbook: .*saved completely/);
    const damaged = Buffer.from(good);
    damaged[60] = damaged[60]! ^ 0xff;
    expect(() => readXlsx(damaged)).toThrow(/not a readable \.xlsx workbook/);
    expect(() => readXlsx(writeZip([{ name: 'autre.txt', data: Buffer.from('x') }]))).toThrow(/xl\/workbook\.xml is missing/);
    expect(() => readXlsx(Buffer.from('id,title\n'))).toThrow(/not a ZIP archive/);
    expect(() => writeXlsx([['x'.repeat(40_000)]])).toThrow(/cell A1 has 40000 characters/);
  });

  it('zip: stored names and contents come back byte for byte', () => {
    const files = [{ name: 'dossier/é.txt', data: Buffer.from('contenu é') }, { name: 'vide', data: Buffer.alloc(0) }];
    const back = readZip(writeZip(files));
    expect([...back.keys()]).toEqual(['dossier/é.txt', 'vide']);
    expect(back.get('dossier/é.txt')!.toString()).toBe('contenu é');
    expect(back.get('vide')!.length).toBe(0);
  });
});

describe('sheet structure', () => {
  it('names every structural problem by row: missing columns, unknown or repeated columns, empty, bad and duplicate ids', () => {
    expect(readSheet([['id', 'title', 'questions']]).problems).toEqual([
      'row 1: missing column(s) sources, body (the header row must name id, title, questions, sources, body; concepts, tags, related, updated are optional)',
    ]);
    const { problems, rows } = readSheet([
      ['', '', '', '', '', ''],
      ['ID', 'Title', 'questions', 'sources', 'body', 'couleur'],
      ['mirai-portail', 't', 'q', 's', 'b', ''],
      ['', 'sans id', 'q', 's', 'b', ''],
      ['Mauvais Id', 't', 'q', 's', 'b', ''],
      ['mirai-portail', 't2', 'q', 's', 'b', ''],
      ['', '', '', '', '', ''],
    ]);
    expect(problems).toEqual([
      'row 2: unknown column "couleur" (the columns are id, title, questions, concepts, tags, sources, related, updated, body)',
      'row 4: the id is empty (every row needs the id of its entry; a new entry needs a new kebab-case id)',
      'row 5: id "Mauvais Id" must be kebab-case: lower-case letters, digits and dashes (e.g. mirai-acces)',
      'row 6: id "mirai-portail" is already on row 3 (one row per entry)',
    ]);
    expect(rows.map((r) => r.row)).toEqual([3]);
    expect(readSheet([['id', 'id', 'title', 'questions', 'sources', 'body']]).problems).toEqual(['row 1: column "id" appears twice']);
  });
});
