import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type Env } from './config.js';

/**
 * A strict `.env` reader. Each line is blank, a `# comment`, or `[export ] NAME=value` where the
 * value is bare (an inline comment starts at " #"), 'single-quoted' (taken as is) or
 * "double-quoted" (\n, \t, \", \\ understood). Anything else is a problem naming the line, and all
 * problems are reported together; no line is skipped silently.
 */

export interface EnvFileEntry {
  name: string;
  value: string;
  line: number;
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

function unquote(afterEquals: string): { value: string } | { problem: string } {
  const raw = afterEquals.trimStart();
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") {
    // "NAME= # note" is an empty value and a comment; "NAME=#abc" is the value "#abc".
    const comment = raw.startsWith('#') && raw !== afterEquals ? 0 : raw.search(/\s#/);
    return { value: (comment < 0 ? raw : raw.slice(0, comment)).trim() };
  }
  let value = '';
  for (let i = 1; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === quote) {
      const rest = raw.slice(i + 1).trim();
      if (rest && !rest.startsWith('#')) return { problem: `unexpected text after the closing quote: ${JSON.stringify(rest.slice(0, 20))}` };
      return { value };
    }
    if (quote === '"' && c === '\\' && i + 1 < raw.length) {
      const next = raw[++i]!;
      value += ESCAPES[next] ?? `\\${next}`;
    } else value += c;
  }
  return { problem: `the value opened with ${quote} has no closing ${quote} on this line` };
}

/** Parses the text of a `.env` file; `file` names it in the problems. */
export function parseEnvFile(text: string, file: string): { entries: EnvFileEntry[]; problems: string[] } {
  const entries: EnvFileEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const m = ASSIGNMENT.exec(trimmed);
    if (!m) {
      problems.push(`${file}:${line}: expected NAME=value (a name of letters, digits and _, then =)`);
      return;
    }
    const name = m[1]!;
    const parsed = unquote(m[2]!);
    if ('problem' in parsed) {
      problems.push(`${file}:${line}: ${name}: ${parsed.problem}`);
      return;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.push(`${file}:${line}: ${name} is already set on line ${earlier}; keep one`);
      return;
    }
    seen.set(name, line);
    entries.push({ name, value: parsed.value, line });
  });
  return { entries, problems };
}

export interface AppliedEnvFile {
  /** The file read (absolute), or undefined when there was none. */
  file?: string;
  entries: EnvFileEntry[];
  /** Names taken from the file. */
  applied: string[];
  /** Names in the file that the environment already sets (the environment wins). */
  overridden: string[];
}

/**
 * Reads `path` (default `.env` in the current folder, skipped when absent) into `env` for every name
 * the environment does not already define. A variable defined empty also wins over the file (it
 * still counts as unset for the settings): `NAME= charte-ia …` ignores the file's NAME. An explicit
 * path that does not exist, or any malformed line, is a ConfigError listing every problem.
 */
export function applyEnvFile(env: Env, path?: string): AppliedEnvFile {
  const file = resolve(path ?? '.env');
  if (!existsSync(file)) {
    if (path) throw new ConfigError([`--env-file ${path}: no such file`]);
    return { entries: [], applied: [], overridden: [] };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([`${path ?? '.env'}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  const { entries, problems } = parseEnvFile(text, path ?? '.env');
  if (problems.length) throw new ConfigError(problems);
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const { name, value } of entries) {
    if (env[name] !== undefined) overridden.push(name);
    else {
      env[name] = value;
      applied.push(name);
    }
  }
  return { file, entries, applied, overridden };
}
