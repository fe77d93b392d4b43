import type { Report } from './model.js';
import { oneLine } from './format.js';
import { cellValue, reportTables, type Table, type TableName } from './tables.js';

/**
 * The report as CSV for spreadsheets: RFC 4180 (comma separator, CRLF line ends, fields quoted when
 * they hold a comma, a quote or a line break, quotes doubled), UTF-8 with a byte order mark so Excel
 * reads the accents. Raw values: counts, durations in minutes, confidence 0..1. A text that a
 * spreadsheet would run as a formula (« =… », « +… », « -… », « @… ») is prefixed with « ' ».
 * With a table name: that table alone (header then rows); without: every table, each under a line
 * holding its title and separated by an empty line.
 */

const BOM = '\ufeff';
const CRLF = '\r\n';
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = oneLine(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRows(t: Table): string[] {
  const header = t.columns.map((c) => csvField(c.unit ? `${c.label} (${c.unit})` : c.label)).join(',');
  return [header, ...t.rows.map((row) => row.map((c) => csvField(cellValue(c))).join(','))];
}

export function renderCsv(r: Report, only?: TableName): string {
  const tables = reportTables(r);
  if (only) return BOM + csvRows(tables.find((t) => t.name === only)!).join(CRLF) + CRLF;
  const sections = tables.map((t) => [csvField(`${t.title} [${t.name}] — du ${r.period.since} au ${r.period.until}`), ...csvRows(t)].join(CRLF));
  return BOM + sections.join(CRLF + CRLF) + CRLF;
}
