import { formatCsv, type Separator } from './csv.js';
import { writeXlsx } from './xlsx.js';
import { entriesTable, WIDTHS } from './sheet.js';
import { readEntries } from './entries.js';
import { writeFilesAtomically } from './entry-file.js';
import { err, out, type KbContext } from './context.js';

const SEPARATORS: Record<string, Separator> = { ',': ',', ';': ';', tab: '\t', '\t': '\t' };

/** `kb export --format csv|xlsx [--out FILE] [--separator ;]`: every FAQ entry, one row each. */
export function exportCommand(ctx: KbContext): number {
  const format = ctx.values.format ?? (ctx.values.out?.match(/\.(csv|xlsx)$/i)?.[1]?.toLowerCase());
  if (format !== 'csv' && format !== 'xlsx') {
    err(ctx, `kb export: give --format csv or --format xlsx${ctx.values.format ? ` (not "${ctx.values.format}")` : ''}`);
    return 2;
  }
  const separator = SEPARATORS[ctx.values.separator ?? ','];
  if (!separator) {
    err(ctx, `kb export: --separator must be "," ";" or "tab" (not "${ctx.values.separator}")`);
    return 2;
  }
  if (format === 'xlsx' && !ctx.values.out) {
    err(ctx, 'kb export: an .xlsx workbook is binary: give --out FILE.xlsx');
    return 2;
  }
  const entries = readEntries(ctx);
  const table = entriesTable(entries);
  let data: Buffer;
  try {
    data = format === 'csv' ? Buffer.from(formatCsv(table, separator), 'utf8') : writeXlsx(table, { widths: WIDTHS, when: ctx.today });
  } catch (e) {
    err(ctx, `kb export: ${(e as Error).message}`);
    return 1;
  }
  if (!ctx.values.out) {
    ctx.io.stdout.write(data);
    return 0;
  }
  try {
    writeFilesAtomically([{ path: ctx.values.out, text: data }]);
  } catch (e) {
    err(ctx, `kb export: cannot write ${ctx.values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 1;
  }
  out(ctx, `${entries.length} entries written to ${ctx.values.out}`);
  return 0;
}
