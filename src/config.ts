import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { kbAdminsField } from './kb-drafts/admins.js';

/** Project root (where package.json and knowledge/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type Env = Record<string, string | undefined>;

/**
 * Field builders for environment variables. Every variable is a string; each builder states the
 * expected form in its error message, so that a problem reads `NAME="value": must be …`.
 */
export const envField = {
  int(min: number, max: number) {
    const form = `must be a whole number from ${min} to ${max}`;
    return z
      .string()
      .regex(/^[+-]?\d+$/, form)
      .transform(Number)
      .refine((n) => n >= min && n <= max, form);
  },
  /** A decimal number; `min` excluded when `exclusiveMin`. */
  number(min: number, max: number, exclusiveMin = false) {
    const form = `must be a number ${exclusiveMin ? `above ${min}` : `from ${min}`} up to ${max}`;
    return z
      .string()
      .regex(/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/, form)
      .transform(Number)
      .refine((n) => (exclusiveMin ? n > min : n >= min) && n <= max, form);
  },
  bool() {
    return z.enum(['true', 'false'], { errorMap: () => ({ message: 'must be true or false' }) }).transform((v) => v === 'true');
  },
  oneOf<T extends string>(values: readonly [T, ...T[]]) {
    return z.enum(values, { errorMap: () => ({ message: `expected one of ${values.join(', ')}` }) });
  },
  text() {
    return z.string().min(1, 'must not be empty');
  },
  /** An absolute http(s) URL, without credentials in it. */
  httpUrl() {
    const form = 'must be an http:// or https:// URL without user or password';
    return z.string().refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, form);
  },
  /** postgres://user[:password]@host[:port]/database (postgresql:// too). */
  postgresUrl() {
    const form = 'must be a PostgreSQL URL such as postgres://user:password@host:5432/database';
    return z.string().refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '' && u.pathname.length > 1;
      } catch {
        return false;
      }
    }, form);
  },
};

/**
 * The core section: every variable the core reads. An invalid value stops start-up with an error
 * naming the variable and the expected form; nothing is read from process.env elsewhere (the
 * channel sections live with their adapters, see `CONFIG_SECTIONS` in launcher.ts).
 */
export const envSchema = z.object({
  NODE_ENV: envField.oneOf(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: envField.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  LOG_FORMAT: envField.oneOf(['auto', 'json', 'pretty']).default('auto'),
  KNOWLEDGE_DIR: envField.text().default(resolve(PROJECT_ROOT, 'knowledge')),
  CONFIDENCE_THRESHOLD: envField.number(0, 1).optional(),
  KNOWLEDGE_WATCH: envField.bool().default('true'),
  AMBASSADORS_FILE: envField.text().optional(),
  /** DTNUM knowledge admins: comma-separated channel:userId (see src/kb-drafts/admins.ts). */
  KB_ADMINS: kbAdminsField().default(''),
  /** Where FAQ drafts are written (default: <KNOWLEDGE_DIR>/drafts). */
  KB_DRAFTS_DIR: envField.text().optional(),
  DATABASE_PATH: envField.text().default('./data/charte-ia.db'),
  /** Set: PostgreSQL (several replicas may share it); unset: SQLite at DATABASE_PATH. */
  DATABASE_URL: envField.postgresUrl().optional(),
  DATABASE_POOL_MAX: envField.int(1, 1_000).default('10'),
  /** PostgreSQL schema holding the tables (created when missing); default: the user's search_path (public). */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case identifier: letters, digits and _, at most 63').optional(),
  /** Replicas on PostgreSQL: seconds a coordinator lease lives without renewal (take-over delay after a crash). */
  REPLICA_LEASE_SECONDS: envField.int(2, 300).default('15'),
  /** This replica's name in the lease and logs (default host-pid-random). */
  REPLICA_NAME: envField.text().optional(),
  ESCALATION_REMINDER_MINUTES: envField.int(1, 10_080).default('60'),
  ESCALATION_HANDOVER_MINUTES: envField.int(1, 43_200).default('240'),
  RETENTION_DAYS: envField.int(1, 3_650).default('90'),
  KB_STALE_DAYS: envField.int(1, 36_500).default('365'),
  // ── HTTP server (Teams endpoint, health, metrics) ──
  /** Default: TEAMS_PORT (its former name), else 3978. */
  HTTP_PORT: envField.int(0, 65_535).optional(),
  /** Default: TEAMS_HOST, else 0.0.0.0 with Teams credentials and 127.0.0.1 without. */
  HTTP_HOST: envField.text().optional(),
  HTTP_MAX_BODY_KB: envField.int(1, 10_240).default('256'),
  // ── limits of `charte-ia start` ──
  MAX_MESSAGE_CHARS: envField.int(100, 100_000).default('6000'),
  RATE_LIMIT_MESSAGES: envField.int(0, 10_000).default('10'),
  RATE_LIMIT_WINDOW_SECONDS: envField.int(1, 86_400).default('60'),
  SHUTDOWN_GRACE_SECONDS: envField.int(1, 300).default('8'),
  // ── optional generative layer on an OpenAI-compatible API (src/llm/); off when LLM_BASE_URL is unset ──
  LLM_BASE_URL: envField.httpUrl().optional(),
  LLM_API_KEY: envField.text().optional(),
  /** Chat model: query rewriting and grounded wording; unset: neither. */
  LLM_MODEL: envField.text().optional(),
  /** Embeddings model: hybrid retrieval; unset: lexical retrieval only. */
  EMBEDDINGS_MODEL: envField.text().optional(),
  /** Most time the layer may add to one turn, all its calls together; past it, the lexical answer. */
  LLM_TIMEOUT_MS: envField.int(100, 60_000).default('4000'),
  /** Questions longer than this (characters) are rewritten into one search question. */
  LLM_REWRITE_MIN_CHARS: envField.int(50, 100_000).default('280'),
  LLM_CACHE_DIR: envField.text().default('./data/llm-cache'),
});

/** Variables of the core section never printed (errors, `config check`). */
export const CORE_SECRETS: readonly string[] = ['LLM_API_KEY', 'DATABASE_URL'];

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The variables of a schema that are set (empty strings count as unset), trimmed. */
export function presentEnv(keys: readonly string[], env: Env): Record<string, string> {
  const present: Record<string, string> = {};
  for (const key of keys) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') present[key] = v.trim();
  }
  return present;
}

/** How a value is shown in errors and `config check`: secrets never, only whether they are set. */
export function showValue(key: string, value: string | undefined, secrets: readonly string[]): string {
  if (secrets.includes(key)) return value ? '"***"' : '""';
  return JSON.stringify(value ?? '');
}

/**
 * Validates one configuration section (core, Teams, Matrix…): throws a ConfigError naming every bad
 * variable with its value (secrets shown as "***") and the expected form.
 */
export function parseEnvSection<S extends z.ZodObject<z.ZodRawShape>>(schema: S, env: Env, secrets: readonly string[] = []): z.infer<S> {
  const present = presentEnv(Object.keys(schema.shape), env);
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        return `${key}=${showValue(key, present[key], secrets)}: ${i.message}`;
      }),
    );
  }
  return parsed.data;
}

/**
 * One self-validating part of the configuration (matrix-hookshot style): its variables, which of
 * them are secrets, and how to read it. `load` throws a ConfigError listing every problem of the
 * section; `checkSections` runs them all and reports every problem at once.
 */
export interface ConfigSection<T = unknown> {
  name: string;
  schema: z.ZodObject<z.ZodRawShape>;
  secrets: readonly string[];
  load(env: Env): T;
}

export const coreSection: ConfigSection<AppConfig> = { name: 'core', schema: envSchema, secrets: CORE_SECRETS, load: (env) => loadConfig(env) };

/** Loads every section; throws one ConfigError with the problems of all of them. */
export function checkSections(sections: readonly ConfigSection[], env: Env): Map<string, unknown> {
  const loaded = new Map<string, unknown>();
  const problems: string[] = [];
  for (const s of sections) {
    try {
      loaded.set(s.name, s.load(env));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return loaded;
}

/** Reads the core configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): AppConfig {
  const config = parseEnvSection(envSchema, env, CORE_SECRETS);
  const problems = llmProblems(config);
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The generative layer's variables go together: an endpoint needs a model, a model needs an endpoint. */
function llmProblems(c: AppConfig): string[] {
  const models = c.LLM_MODEL !== undefined || c.EMBEDDINGS_MODEL !== undefined;
  if (c.LLM_BASE_URL && !models) return ['LLM_BASE_URL is set but neither LLM_MODEL nor EMBEDDINGS_MODEL: set the model(s) the endpoint serves, or unset LLM_BASE_URL'];
  if (!c.LLM_BASE_URL && (models || c.LLM_API_KEY)) {
    const set = ['LLM_MODEL', 'EMBEDDINGS_MODEL', 'LLM_API_KEY'].filter((k) => c[k as keyof AppConfig] !== undefined).join(', ');
    return [`${set} set without LLM_BASE_URL: set the OpenAI-compatible endpoint (e.g. https://…/v1), or unset them`];
  }
  return [];
}
