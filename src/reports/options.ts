import { z } from 'zod';
import { addDays, isDay } from './days.js';
import type { ReportPeriod } from './model.js';
import { TABLE_NAMES, type TableName } from './tables.js';

/** Validation of `charte-ia report` flags; every problem is an operator error in English (exit code 2). */

export const REPORT_FORMATS = ['text', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Default period: the last 30 days, today included. */
export const DEFAULT_DAYS = 30;
/** Longest period accepted (the longest retention is 3 650 days). */
export const MAX_DAYS = 3_660;

export class ReportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportUsageError';
  }
}

export interface ReportOptions {
  period: ReportPeriod;
  format: ReportFormat;
  table?: TableName;
  out?: string;
}

const flagsSchema = z.object({
  since: z.string().optional(),
  until: z.string().optional(),
  format: z.string().optional(),
  table: z.string().optional(),
  out: z.string().optional(),
});

function day(flag: string, value: string): string {
  const v = value.trim();
  if (!isDay(v)) throw new ReportUsageError(`--${flag}: "${value}" is not a date; write it YYYY-MM-DD (e.g. 2026-11-01)`);
  return v;
}

/** `today`: the current Paris day (YYYY-MM-DD). */
export function parseReportOptions(flags: Record<string, unknown>, today: string): ReportOptions {
  const parsed = flagsSchema.safeParse(flags);
  if (!parsed.success) throw new ReportUsageError(`report: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const f = parsed.data;
  const until = f.until !== undefined ? day('until', f.until) : today;
  const since = f.since !== undefined ? day('since', f.since) : addDays(until, -(DEFAULT_DAYS - 1));
  if (since > until) throw new ReportUsageError(`--since ${since} is after --until ${until}: the period would be empty`);
  if (addDays(since, MAX_DAYS) <= until) throw new ReportUsageError(`the period ${since} … ${until} is longer than ${MAX_DAYS} days; choose a shorter one`);
  const format = (f.format ?? 'text').trim();
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new ReportUsageError(`--format: "${f.format}" is not a report format; use text, csv or html`);
  let table: TableName | undefined;
  if (f.table !== undefined) {
    if (!(TABLE_NAMES as readonly string[]).includes(f.table.trim())) throw new ReportUsageError(`--table: "${f.table}" is not a table of the report; use one of ${TABLE_NAMES.join(', ')}`);
    table = f.table.trim() as TableName;
  }
  if (f.out !== undefined && !f.out.trim()) throw new ReportUsageError('--out: give a file name');
  return { period: { since, until }, format: format as ReportFormat, ...(table ? { table } : {}), ...(f.out !== undefined ? { out: f.out } : {}) };
}
