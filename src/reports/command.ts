import { existsSync, writeFileSync } from 'node:fs';
import { openStores, storeEngine, type StoreSettings } from '../store/open.js';
import { isMemoryPath } from '../store/sqlite/connection.js';
import { buildReport } from './build.js';
import { parisDay } from './days.js';
import { loadReportKnowledge } from './knowledge.js';
import { parseReportOptions, ReportUsageError, type ReportOptions } from './options.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderText } from './text.js';
import type { Report } from './model.js';

/** `charte-ia report`: reads the database and the knowledge folder, writes the report to stdout or --out. */

export interface ReportCommandInput {
  /** Parsed flags: since, until, format, table, out. */
  flags: Record<string, unknown>;
  /** Extra words after « report » (refused). */
  extra: string[];
  /** Where the bot keeps its data: PostgreSQL with DATABASE_URL, else the SQLite file DATABASE_PATH. */
  store: StoreSettings;
  /** `--database FILE`: a SQLite file that wins over the configuration. */
  databasePath?: string;
  knowledgeDir: string;
  directoryFile?: string;
  now?: number;
}

type Out = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export function renderReport(report: Report, opts: Pick<ReportOptions, 'format' | 'table'>): string {
  if (opts.format === 'csv') return renderCsv(report, opts.table);
  if (opts.format === 'html') return renderHtml(report, opts.table);
  return renderText(report, opts.table);
}

/** Exit codes: 0 written, 1 the file could not be written, 2 bad flags or no database. */
export async function runReportCommand(input: ReportCommandInput, io: Out): Promise<number> {
  const now = input.now ?? Date.now();
  let opts: ReportOptions;
  try {
    if (input.extra.length) throw new ReportUsageError(`report: unexpected argument "${input.extra[0]}" (dates go after --since / --until)`);
    opts = parseReportOptions(input.flags, parisDay(now));
    const file = input.databasePath ?? input.store.DATABASE_PATH;
    if (storeEngine(input.store, { databasePath: input.databasePath }) === 'sqlite' && !isMemoryPath(file) && !existsSync(file)) {
      throw new ReportUsageError(`report: no database at "${file}" (set DATABASE_PATH or DATABASE_URL, or pass --database FILE)`);
    }
  } catch (e) {
    if (!(e instanceof ReportUsageError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return 2;
  }
  const { knowledge, notes } = loadReportKnowledge(input.knowledgeDir, input.directoryFile);
  const stores = await openStores(input.store, { databasePath: input.databasePath });
  let output: string;
  try {
    output = renderReport(await buildReport({ stores, period: opts.period, knowledge, notes, now }), opts);
  } finally {
    await stores.close();
  }
  if (opts.out === undefined) {
    io.stdout.write(output);
    return 0;
  }
  try {
    writeFileSync(opts.out, output, 'utf8');
  } catch (e) {
    io.stderr.write(`report: cannot write "${opts.out}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  io.stderr.write(`report written to ${opts.out} (${opts.format}, ${Buffer.byteLength(output)} bytes, ${opts.period.since} to ${opts.period.until})\n`);
  return 0;
}
