import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** Project root (where package.json and knowledge/ live). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const number01 = z.coerce.number().min(0).max(1);

/**
 * Every environment variable the bot reads, in one schema. An invalid value stops start-up
 * with an error naming the variable; nothing is read from process.env elsewhere.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  KNOWLEDGE_DIR: z.string().min(1).default(resolve(PROJECT_ROOT, 'knowledge')),
  CONFIDENCE_THRESHOLD: number01.optional(),
  KNOWLEDGE_WATCH: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  AMBASSADORS_FILE: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).default('./data/charte-ia.db'),
  ESCALATION_REMINDER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  ESCALATION_HANDOVER_MINUTES: z.coerce.number().int().min(1).max(43_200).default(240),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(90),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The variables of a schema that are set (empty strings count as unset), trimmed. */
export function presentEnv(keys: readonly string[], env: Record<string, string | undefined>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const key of keys) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') present[key] = v.trim();
  }
  return present;
}

/**
 * Validates one configuration section (core, Teams, Matrix…): throws a ConfigError naming every bad
 * variable with its value, secrets shown as "***".
 */
export function parseEnvSection<S extends z.ZodObject<z.ZodRawShape>>(schema: S, env: Record<string, string | undefined>, secrets: readonly string[] = []): z.infer<S> {
  const present = presentEnv(Object.keys(schema.shape), env);
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        const shown = secrets.includes(key) ? (present[key] ? '"***"' : '""') : JSON.stringify(present[key] ?? '');
        return `${key}=${shown}: ${i.message}`;
      }),
    );
  }
  return parsed.data;
}

/** Reads the core configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  return parseEnvSection(envSchema, env);
}
