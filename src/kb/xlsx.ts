import { posix } from 'node:path';
import { readZip, writeZip, ZipError } from '../zip/zip.js';

/**
 * A minimal Office Open XML workbook (.xlsx): one sheet of text cells. Written with inline
 * strings, text-formatted wrapped cells (so that Excel keeps "2026-12-02" as typed) and a frozen
 * header row; read back from what Excel, LibreOffice or this writer produce: shared or inline
 * strings, numbers, booleans, rich-text runs, sparse rows. The first sheet of the workbook is read.
 */

export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

/** Most characters Excel keeps in one cell. */
export const MAX_CELL_CHARS = 32_767;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    // A literal "_x0041_" must not read back as "A".
    .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
    // Characters XML 1.0 forbids, in the OOXML escape form.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    if (ch < 'A' || ch > 'Z') break;
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

const STYLES = `${HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A workbook with one sheet; the first row is the header (bold, frozen). `widths` in characters. */
export function writeXlsx(rows: readonly (readonly string[])[], options: { sheet?: string; widths?: readonly number[]; when?: Date } = {}): Buffer {
  for (const [r, row] of rows.entries()) {
    for (const [c, cell] of row.entries()) {
      if (cell.length > MAX_CELL_CHARS) throw new XlsxError(`cell ${columnName(c)}${r + 1} has ${cell.length} characters; a spreadsheet cell holds at most ${MAX_CELL_CHARS}`);
    }
  }
  const sheetName = escapeXml(options.sheet ?? 'FAQ');
  const cols = options.widths?.length
    ? `<cols>${options.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const data = rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => `<c r="${columnName(c)}${r + 1}" t="inlineStr" s="${r === 0 ? 1 : 2}"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`)
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const sheet = `${HEAD}<worksheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>${cols}<sheetData>${data}</sheetData></worksheet>`;
  const files: [string, string][] = [
    ['[Content_Types].xml', `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`],
    ['_rels/.rels', `${HEAD}<Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${DOC_REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${HEAD}<Relationships xmlns="${REL_NS}"><Relationship Id="rId1" Type="${DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC_REL}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', STYLES],
    ['xl/worksheets/sheet1.xml', sheet],
  ];
  return writeZip(files.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })), options.when);
}

// ── Reading ──

function decodeXml(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** The text of every <t> of a fragment, phonetic runs (<rPh>) left out. */
function textOf(fragment: string): string {
  const withoutPhonetic = fragment.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let s = '';
  for (const m of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += decodeXml(m[1]!);
  return s;
}

function part(files: Map<string, Buffer>, name: string): string | undefined {
  const buf = files.get(name) ?? files.get(name.replace(/^\//, ''));
  return buf?.toString('utf8');
}

/** Targets of a relationships part, by id and by type suffix. */
function relationships(xml: string | undefined, base: string): { id: string; type: string; target: string }[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    const target = a.Target ?? '';
    return { id: a.Id ?? '', type: a.Type ?? '', target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target)) };
  });
}

/** The first sheet of a workbook as rows of text cells (missing cells are empty strings). */
export function readXlsx(buf: Buffer): string[][] {
  let files: Map<string, Buffer>;
  try {
    files = readZip(buf);
  } catch (e) {
    throw new XlsxError(e instanceof ZipError ? `not a readable .xlsx workbook: ${e.message}` : (e as Error).message);
  }
  const workbook = part(files, 'xl/workbook.xml');
  if (!workbook) throw new XlsxError('not an .xlsx workbook (xl/workbook.xml is missing); save it as "Excel Workbook (.xlsx)"');
  const rels = relationships(part(files, 'xl/_rels/workbook.xml.rels'), 'xl');
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbook);
  if (!firstSheet) throw new XlsxError('the workbook has no sheet');
  const sheetAttrs = attributes(firstSheet[0]);
  const relId = Object.entries(sheetAttrs).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
  const sheetPath = rels.find((r) => r.id === relId)?.target ?? 'xl/worksheets/sheet1.xml';
  const sheet = part(files, sheetPath);
  if (!sheet) throw new XlsxError(`the first sheet (${sheetPath}) is missing from the workbook`);
  const sharedPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  const shared = [...(part(files, sharedPath) ?? '').matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)].map((m) => textOf(m[1] ?? ''));

  const rows: string[][] = [];
  let nextRow = 0;
  for (const rm of sheet.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const ra = attributes(rm[1] ?? '');
    const r = ra.r ? Number(ra.r) - 1 : nextRow;
    nextRow = r + 1;
    const row: string[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ca = attributes(cm[1] ?? '');
      const c = ca.r ? columnIndex(ca.r) : nextCol;
      nextCol = c + 1;
      const inner = cm[2] ?? '';
      const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
      let value = '';
      if (ca.t === 's') value = shared[Number(v)] ?? '';
      else if (ca.t === 'inlineStr') value = textOf(inner);
      else if (ca.t === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = v === undefined ? '' : decodeXml(v);
      while (row.length < c) row.push('');
      row[c] = value;
    }
    while (rows.length < r) rows.push([]);
    rows[r] = row;
  }
  return rows;
}
