import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyEnvFile } from '../env-file.js';
import { loadConfig } from '../config.js';
import { draftsReport, unansweredReport } from '../kb-reports.js';
import { openStores } from '../store/open.js';
import type { Stores } from '../store/escalation-types.js';
import { checkCommand } from './check-command.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';
import { statsCommand } from './stats.js';
import { newCommand } from './new-entry.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import type { KbContext, KbIo, KbValues } from './context.js';

/** The `kb` lines of `charte-ia --help`. */
export const KB_USAGE = `  charte-ia kb check [--stale-days N] [--margin M] [--json]
                                           validate every knowledge file: one line per problem (severity, file:line, fix); exit 1 on errors
  charte-ia kb list [--tag T] [--concept C] FAQ entries: id, title, updated, phrasings, sources
  charte-ia kb show ID                     one entry as the bot sees it
  charte-ia kb stats                       counts: entries, phrasings, concepts, tools, ambassadors, scopes, stale entries…
  charte-ia kb new [--id ID --title T --question Q… --source "doc | section | label"… --concept C… --tag T… --related ID…
                   --body TEXT | --body-file FILE]
                                           create a FAQ entry (asks for what is missing on a terminal)
  charte-ia kb export --format csv|xlsx [--out FILE] [--separator ";"]
                                           FAQ entries as a spreadsheet, one row per entry
  charte-ia kb import FILE [--dry-run] [--delete-missing]
                                           apply a reviewed spreadsheet (all or nothing) and report what changed
  charte-ia kb drafts                      FAQ draft files proposed by ambassadors (knowledge/drafts/), what each lacks
  charte-ia kb unanswered                  questions the bot could not answer confidently (redacted)
`;

const OPTIONS = {
  knowledge: { type: 'string' },
  directory: { type: 'string' },
  database: { type: 'string' },
  'env-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'stale-days': { type: 'string' },
  margin: { type: 'string' },
  tag: { type: 'string', multiple: true },
  concept: { type: 'string', multiple: true },
  id: { type: 'string' },
  title: { type: 'string' },
  question: { type: 'string', multiple: true },
  source: { type: 'string', multiple: true },
  related: { type: 'string', multiple: true },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  separator: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'delete-missing': { type: 'boolean' },
} as const;

type Command = (ctx: KbContext) => number | Promise<number>;

/** The database the bot uses (PostgreSQL with DATABASE_URL, else SQLite; `--database FILE` wins), closed after. */
async function withStores(ctx: KbContext, work: (stores: Stores) => Promise<number>): Promise<number> {
  const stores = await openStores(ctx.config, { databasePath: ctx.values.database });
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  list: listCommand,
  show: showCommand,
  stats: statsCommand,
  new: newCommand,
  export: exportCommand,
  import: importCommand,
  drafts: (ctx) =>
    withStores(ctx, async (stores) => {
      ctx.io.stdout.write(await draftsReport({ draftsDir: ctx.config.KB_DRAFTS_DIR ?? join(ctx.dir, 'drafts'), knowledgeDir: ctx.dir, stores }));
      return 0;
    }),
  unanswered: (ctx) =>
    withStores(ctx, async (stores) => {
      ctx.io.stdout.write(await unansweredReport(stores));
      return 0;
    }),
};

/**
 * `charte-ia kb …`: the DTNUM editors' commands. `argv` is the whole command line (global
 * options such as --knowledge and --env-file may come before or after "kb").
 */
export async function runKb(argv: string[], io: KbIo, today = new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    io.stderr.write(`kb: ${(e as Error).message}\n\nUsage:\n${KB_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [, sub, ...args] = positionals;
  if (values.help || !sub) {
    (sub || values.help ? io.stdout : io.stderr).write(`Usage:\n${KB_USAGE}`);
    return values.help ? 0 : 2;
  }
  const command = COMMANDS[sub];
  if (!command) {
    io.stderr.write(`kb: unknown sub-command "${sub}" (one of ${Object.keys(COMMANDS).join(', ')})\n\nUsage:\n${KB_USAGE}`);
    return 2;
  }
  applyEnvFile(process.env, values['env-file']);
  const config = loadConfig();
  const ctx: KbContext = {
    io,
    values: values as KbValues,
    args,
    config,
    dir: values.knowledge ?? config.KNOWLEDGE_DIR,
    directoryFile: values.directory ?? config.AMBASSADORS_FILE,
    today,
  };
  try {
    return await command(ctx);
  } catch (e) {
    // A file that vanished or cannot be opened mid-command (an editor's lock file, a permission):
    // a clear message, not a stack trace.
    const code = (e as NodeJS.ErrnoException).code;
    if (!code || !/^E[A-Z]+$/.test(code)) throw e;
    io.stderr.write(`kb ${sub}: cannot read or write the knowledge: ${(e as Error).message}\n(run "charte-ia kb check" for the full list of problems)\n`);
    return 1;
  }
}
