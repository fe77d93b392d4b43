/**
 * CSV as spreadsheets write it (RFC 4180): quoted cells with "" for a quote, line breaks inside
 * quoted cells, CRLF or LF rows. Export adds a UTF-8 BOM so that Excel reads accents right; import
 * accepts it, and reads ";" (French Excel) or tab separators, sniffed from the header row.
 */

export type Separator = ',' | ';' | '\t';

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** The separator used by the first row: the most frequent of , ; and tab outside quotes. */
export function sniffSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Separator]++;
  }
  return (Object.keys(counts) as Separator[]).reduce((best, s) => (counts[s] > counts[best] ? s : best), ',');
}

/** Parses CSV text into rows of cells; throws CsvError (with its line) on an unclosed quote. */
export function parseCsv(input: string, separator: Separator = sniffSeparator(input.replace(/^\uFEFF/, ''))): string[][] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
    } else if (ch === separator) {
      row.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      wasQuoted = false;
      line++;
    } else cell += ch;
  }
  if (quoted) throw new CsvError(`a quoted cell opened on line ${quoteLine} is never closed (was the file saved completely?)`, quoteLine);
  if (cell !== '' || row.length || wasQuoted) {
    row.push(cell);
    rows.push(row);
  }
  // Inside quoted cells, CRLF is a line break like LF.
  return rows.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n')));
}

function quote(cell: string, separator: Separator): string {
  return /["\r\n]/.test(cell) || cell.includes(separator) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows as CSV: BOM, CRLF between rows, cells quoted when needed. */
export function formatCsv(rows: readonly (readonly string[])[], separator: Separator = ','): string {
  return `\uFEFF${rows.map((r) => r.map((c) => quote(c, separator)).join(separator)).join('\r\n')}\r\n`;
}
