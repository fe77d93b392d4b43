import type { AppConfig as Config } from '../config.js';

/** Streams of a CLI run; tests pass their own. `interactive` overrides stdin.isTTY (prompts of `kb new`). */
export interface KbIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  interactive?: boolean;
}

/** What every `kb` sub-command receives: parsed options, the knowledge folder, the streams. */
export interface KbContext {
  io: KbIo;
  values: KbValues;
  /** Positionals after the sub-command. */
  args: string[];
  config: Config;
  dir: string;
  directoryFile?: string;
  today: Date;
}

export interface KbValues {
  json?: boolean;
  'stale-days'?: string;
  margin?: string;
  tag?: string[];
  concept?: string[];
  id?: string;
  title?: string;
  question?: string[];
  source?: string[];
  related?: string[];
  body?: string;
  'body-file'?: string;
  format?: string;
  out?: string;
  separator?: string;
  'dry-run'?: boolean;
  'delete-missing'?: boolean;
  database?: string;
}

export const out = (ctx: KbContext, text: string): void => void ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
export const err = (ctx: KbContext, text: string): void => void ctx.io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
