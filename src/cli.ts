import { parseArgs } from 'node:util';
import { openApp, type App } from './app.js';
import { loadConfig, ConfigError } from './config.js';
import { applyEnvFile, type AppliedEnvFile } from './env-file.js';
import { settingsTable, unknownNames } from './config-report.js';
import { createLogger } from './logger.js';
import { KnowledgeError } from './knowledge/loader.js';
import { askJsonl, askOne } from './ask.js';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import { TranscriptAdapter } from '../adapters/console/transcript.js';
import { runRedact } from './privacy/cli.js';
import { loadPrivacyShield } from './privacy/shield.js';
import { CONFIG_SECTIONS, loadSettings, startService, TOOL_VARIABLES, type Service } from './launcher.js';
import { runUntilSignal, SignalLatch } from './ops/shutdown.js';
import { runReportCommand } from './reports/command.js';
import { KB_USAGE, runKb } from './kb/cli.js';
import { openStores } from './store/open.js';
import { PgSchemaVersionError, StoreConnectionError } from './store/postgres/index.js';
import { SchemaVersionError } from './store/sqlite/index.js';

const USAGE = `charte-ia — assistant de la charte IA du ministère de l'Intérieur

Usage:
  charte-ia start                          run the bot on the configured channels (console when interactive)
  charte-ia chat                           interactive console conversation
  charte-ia chat --transcript FILE         replay a JSONL conversation, print every reply as a JSON line
  charte-ia ask "question" [--json]        answer one question
  charte-ia ask --jsonl                    answer stdin lines (text or {"id","q"}), one JSON line each
  charte-ia redact "text" [--json]         mask personal data
  charte-ia redact --jsonl                 mask stdin lines (text or {"id","text"}), one JSON line each
${KB_USAGE}  charte-ia report [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format text|csv|html] [--table NAME] [--out FILE]
                                           usage report for DTNUM: unanswered questions grouped, feedback, intents
                                           and verdicts over time, tickets (default: the last 30 days, as text)
  charte-ia config check                   every setting with its value and source, and all problems at once

Options:
  --env-file FILE    read settings from FILE (default: .env in the current folder, when present);
                     a variable set in the environment wins over the file
  --knowledge DIR    knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)
  --directory FILE   ambassador directory (default: AMBASSADORS_FILE or knowledge/ambassadors.yaml)
  --database FILE    SQLite file, wins over DATABASE_URL (default: DATABASE_URL, else DATABASE_PATH;
                     transcripts and ask use a throw-away one)
  --help             this help
`;

type Io = { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

function quietApp(values: Record<string, unknown>, level: string, databasePath?: string): Promise<App> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL ?? level, format: config.LOG_FORMAT });
  return openApp({
    config,
    logger,
    knowledgeDir: values.knowledge as string | undefined,
    directoryFile: values.directory as string | undefined,
    databasePath: (values.database as string | undefined) ?? databasePath,
    watch: false,
  });
}

async function chat(values: Record<string, unknown>, io: Io): Promise<number> {
  // A transcript replay uses a throw-away database unless --database names one.
  const app = await quietApp(values, values.transcript ? 'error' : 'warn', values.transcript ? ':memory:' : undefined);
  try {
    if (values.transcript) {
      const adapter = new TranscriptAdapter(
        (l) => io.stdout.write(`${l}\n`),
        (l) => io.stderr.write(`${l}\n`),
      );
      app.router.register(adapter, 'console', 'cli');
      const bad = await adapter.playFile(app.bot, String(values.transcript));
      return bad ? 1 : 0;
    }
    const adapter = new ConsoleAdapter({ input: io.stdin, output: io.stdout });
    app.router.register(adapter, 'transcript');
    app.startSchedules();
    await adapter.start(app.bot);
    await adapter.done();
    return 0;
  } finally {
    await app.close();
  }
}

async function ask(values: Record<string, unknown>, positionals: string[], io: Io): Promise<number> {
  const app = await quietApp(values, 'error', ':memory:');
  try {
    if (values.jsonl) {
      await askJsonl(app.bot, io.stdin, (l) => io.stdout.write(`${l}\n`));
      return 0;
    }
    const question = positionals.join(' ');
    if (!question.trim()) {
      io.stderr.write('ask: give a question, or use --jsonl to read stdin\n');
      return 2;
    }
    const result = await askOne(app.bot, question);
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.answer}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** How to reach a bot that runs on its embedded defaults, with no channel credentials. */
function localHints(service: Service, console: boolean): string {
  const { host, port } = service.http.address()!;
  const teams = service.running.adapters.some((a) => a.name === 'teams');
  return [
    console ? 'type your question here, or' : 'talk to it with',
    '`npm run chat` (console conversation)',
    teams ? `or \`npm run playground\` (Teams-like page; it runs its own bot on the port: stop this one first, or use \`npm run playground -- --port 3979\`); endpoint http://${host}:${port}/api/messages` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

async function start(values: Record<string, unknown>, envFile: AppliedEnvFile): Promise<number> {
  const settings = loadSettings(process.env);
  const config = settings.core;
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  for (const note of [...settings.notes, ...unknownNames(CONFIG_SECTIONS, envFile, TOOL_VARIABLES)]) logger.warn(note);
  if (envFile.file) logger.info({ file: envFile.file, applied: envFile.applied.length, overriddenByEnvironment: envFile.overridden }, 'settings read from the env file');
  const interactive = process.stdin.isTTY === true;
  const latch = new SignalLatch(logger);
  let service: Service;
  try {
    service = await startService({
      settings,
      logger,
      console: interactive,
      createApp: (extra) =>
        openApp({
          ...extra,
          knowledgeDir: values.knowledge as string | undefined,
          directoryFile: values.directory as string | undefined,
          databasePath: values.database as string | undefined,
        }),
    });
  } catch (e) {
    latch.dispose();
    throw e;
  }
  const channels = service.running.adapters.map((a) => a.name);
  const { host, port } = service.http.address()!;
  logger.info({ channels, url: `http://${host}:${port}`, startupMs: Math.round(performance.now()) }, 'charte-ia ready');
  if (!settings.teams.authenticated && !settings.matrix) logger.info(`running locally on the embedded defaults (no Teams credentials, no Matrix): ${localHints(service, interactive)}`);
  const servers = service.running.adapters.filter((a) => a.name !== 'console');
  const consoleAdapter = service.running.adapters.find((a): a is ConsoleAdapter => a instanceof ConsoleAdapter);
  // Closing the console ends the program only when it is the only channel; no channel at all: stop now.
  const done = !channels.length ? Promise.resolve() : consoleAdapter && !servers.length ? consoleAdapter.done() : undefined;
  const code = await runUntilSignal(service, logger, latch, done);
  // Every channel and the store are closed; a handle some library forgot must not keep the process alive.
  setTimeout(() => process.exit(code), 1_000).unref();
  return code;
}

function configCheck(envFile: AppliedEnvFile, io: Io): number {
  io.stdout.write(`${settingsTable(CONFIG_SECTIONS, process.env, envFile)}\n`);
  if (envFile.file) io.stdout.write(`\nenv file: ${envFile.file} (${envFile.applied.length} read; the environment wins for ${envFile.overridden.join(', ') || 'none'})\n`);
  const notes = unknownNames(CONFIG_SECTIONS, envFile, TOOL_VARIABLES);
  try {
    notes.unshift(...loadSettings(process.env).notes);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const n of notes) io.stderr.write(`note: ${n}\n`);
    io.stderr.write(`\n${e.problems.length} problem(s):\n${e.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 78;
  }
  for (const n of notes) io.stdout.write(`note: ${n}\n`);
  io.stdout.write('\nConfiguration OK\n');
  return 0;
}

const OPTIONS = {
  transcript: { type: 'string' },
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  knowledge: { type: 'string' },
  directory: { type: 'string' },
  database: { type: 'string' },
  'env-file': { type: 'string' },
  // charte-ia report
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  table: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: string[], io: Io = process): Promise<number> {
  // `kb` has its own options (src/kb/cli.ts): hand it the whole command line.
  if (parseArgs({ args: argv, allowPositionals: true, strict: false, options: OPTIONS }).positionals[0] === 'kb') return runKb(argv, io);
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  // Before anything reads the environment (the Matrix crypto shim reads it when it loads).
  const envFile = applyEnvFile(process.env, values['env-file']);
  switch (command) {
    case 'chat':
      return chat(values, io);
    case 'start':
      return start(values, envFile);
    case 'config':
      if (rest[0] === 'check') return configCheck(envFile, io);
      io.stderr.write('config: unknown sub-command (try "charte-ia config check")\n');
      return 2;
    case 'ask':
      return ask(values, rest, io);
    case 'redact': {
      const dir = values.knowledge ?? loadConfig().KNOWLEDGE_DIR;
      const args = [...rest, ...(values.json ? ['--json'] : []), ...(values.jsonl ? ['--jsonl'] : [])];
      return runRedact(args, io, loadPrivacyShield(dir));
    }
    case 'report': {
      const config = loadConfig();
      return runReportCommand(
        {
          flags: { since: values.since, until: values.until, format: values.format, table: values.table, out: values.out },
          extra: rest,
          store: config,
          databasePath: values.database as string | undefined,
          knowledgeDir: (values.knowledge as string | undefined) ?? config.KNOWLEDGE_DIR,
          directoryFile: (values.directory as string | undefined) ?? config.AMBASSADORS_FILE,
        },
        io,
      );
    }
    default:
      io.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** Runs the CLI and turns operator errors into clear messages and exit codes. */
export async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof KnowledgeError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 78;
    } else if (e instanceof StoreConnectionError) {
      // The database is down or misnamed: an operator problem, not a crash (EX_UNAVAILABLE).
      process.stderr.write(`charte-ia: ${e.message}\n`);
      process.exitCode = 69;
    } else if (e instanceof SchemaVersionError || e instanceof PgSchemaVersionError) {
      process.stderr.write(`charte-ia: ${e.message}\n`);
      process.exitCode = 78;
    } else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`charte-ia: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}
