import { z } from 'zod';
import { showValue, type ConfigSection, type Env } from './config.js';
import type { AppliedEnvFile } from './env-file.js';

/**
 * What `charte-ia config check` prints: every variable of every section with its value (secrets
 * as "***") and where it comes from (environment, .env, default), then every problem at once.
 */

function defaultOf(field: z.ZodTypeAny): string | undefined {
  let f: z.ZodTypeAny = field;
  while (f instanceof z.ZodOptional || f instanceof z.ZodEffects) f = f instanceof z.ZodOptional ? f.unwrap() : f.innerType();
  return f instanceof z.ZodDefault ? String(f._def.defaultValue()) : undefined;
}

/** Names of the `.env` file that no section (nor a project tool) reads: most likely typos. */
export function unknownNames(sections: readonly ConfigSection[], file: AppliedEnvFile, otherKnown: readonly string[]): string[] {
  const known = new Set([...sections.flatMap((s) => Object.keys(s.schema.shape)), ...otherKnown]);
  return file.entries.filter((e) => !known.has(e.name)).map((e) => `${file.file ? '.env' : 'env file'}:${e.line}: ${e.name} is not a setting of charte-ia (ignored; check its spelling)`);
}

export function settingsTable(sections: readonly ConfigSection[], env: Env, file: AppliedEnvFile): string {
  const fromFile = new Set(file.applied);
  const lines: string[] = [];
  const width = Math.max(...sections.flatMap((s) => Object.keys(s.schema.shape).map((k) => k.length)));
  for (const section of sections) {
    lines.push(`[${section.name}]`);
    for (const [key, field] of Object.entries(section.schema.shape)) {
      const raw = env[key];
      const set = raw !== undefined && raw.trim() !== '';
      const fallback = defaultOf(field as z.ZodTypeAny);
      const value = set ? showValue(key, raw.trim(), section.secrets) : fallback !== undefined ? JSON.stringify(fallback) : '—';
      const source = set ? (fromFile.has(key) ? '.env' : 'environment') : fallback !== undefined ? 'default' : 'unset';
      lines.push(`  ${key.padEnd(width)}  ${value}  (${source})`);
    }
  }
  return lines.join('\n');
}
