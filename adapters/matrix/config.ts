import { z } from 'zod';
import { envField, parseEnvSection, presentEnv, type ConfigSection, type Env } from '../../src/config.js';

/**
 * The Matrix / Tchap section of the configuration, read from the environment. The channel is off
 * (startMatrix returns undefined) while MATRIX_HOMESERVER_URL is unset; once it is set, every other
 * problem stops start-up with an error naming the variable.
 *
 * Ambassadors' rooms are not configured here: each scope of the ambassador directory names its
 * Matrix room (`rooms.matrix`, a room id or an alias), so the directory stays the single source.
 */

const USER_ID = /^@[^:\s]+:[A-Za-z0-9.-]+(?::\d{1,5})?$/;
const DOMAIN = /^(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?$/;

function list(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const schema = z.object({
  MATRIX_HOMESERVER_URL: z
    .string()
    .url('must be the homeserver base URL, e.g. https://matrix.agent.interieur.tchap.gouv.fr')
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .transform((u) => u.replace(/\/+$/, '')),
  MATRIX_ACCESS_TOKEN: z.string({ required_error: 'required: the bot account access token (created once, reused on every start)' }).min(8, 'looks too short for an access token'),
  MATRIX_BOT_USER_ID: z.string({ required_error: 'required, e.g. @assistant-ia:agent.interieur.tchap.gouv.fr' }).regex(USER_ID, 'a Matrix user id looks like @name:server'),
  MATRIX_ALLOWED_DOMAINS: z
    .string()
    .optional()
    .transform(list)
    .refine((l) => l.every((d) => DOMAIN.test(d)), 'comma-separated server names, e.g. agent.interieur.tchap.gouv.fr,*.tchap.gouv.fr'),
  MATRIX_ALLOWED_USERS: z
    .string()
    .optional()
    .transform(list)
    .superRefine((l, ctx) => {
      for (const p of l) {
        if (p.startsWith('/') && p.endsWith('/') && p.length > 2) {
          try {
            new RegExp(p.slice(1, -1));
          } catch (e) {
            ctx.addIssue({ code: 'custom', message: `invalid regular expression ${p}: ${(e as Error).message}` });
          }
        } else if (!/^@[^\s,]+$/.test(p)) ctx.addIssue({ code: 'custom', message: `"${p}" is neither a user pattern like @*:server nor a /regex/` });
      }
    }),
  MATRIX_ENCRYPTION: envField.bool().default('false'),
  MATRIX_STORAGE_DIR: envField.text().default('./data/matrix'),
  MATRIX_RATE_PER_SECOND: envField.number(0, 50, true).default('1'),
  /** Outgoing messages waiting to be sent, all rooms together (see SendQueue for what is refused when full). */
  MATRIX_QUEUE_MAX: envField.int(10, 100_000).default('500'),
  /** Read by packages/matrix-crypto-shim when it loads; listed here so it is validated and documented. */
  MATRIX_CRYPTO_NODEJS_PATH: envField.text().optional(),
});

export interface MatrixConfig {
  homeserverUrl: string;
  accessToken: string;
  botUserId: string;
  /** Server names (exact) or "*.suffix" patterns whose users may invite and talk to the bot. */
  allowedDomains: string[];
  /** Extra allowed users: globs on the user id ("@*:server", "@jean.*:server") or /regexes/. */
  allowedUsers: string[];
  encryption: boolean;
  storageDir: string;
  /** Outgoing messages per second and per room (Tchap: about 1). */
  ratePerSecond: number;
  /** Most outgoing messages waiting at once, all rooms together. */
  queueMax: number;
}

/** Returns the Matrix configuration, or undefined when the channel is not configured. */
export function loadMatrixConfig(env: Env): MatrixConfig | undefined {
  if (!presentEnv(['MATRIX_HOMESERVER_URL'], env).MATRIX_HOMESERVER_URL) return undefined;
  const c = parseEnvSection(schema, env, ['MATRIX_ACCESS_TOKEN']);
  const botDomain = c.MATRIX_BOT_USER_ID.slice(c.MATRIX_BOT_USER_ID.indexOf(':') + 1);
  return {
    homeserverUrl: c.MATRIX_HOMESERVER_URL,
    accessToken: c.MATRIX_ACCESS_TOKEN,
    botUserId: c.MATRIX_BOT_USER_ID,
    allowedDomains: c.MATRIX_ALLOWED_DOMAINS.length ? c.MATRIX_ALLOWED_DOMAINS : [botDomain],
    allowedUsers: c.MATRIX_ALLOWED_USERS,
    encryption: c.MATRIX_ENCRYPTION,
    storageDir: c.MATRIX_STORAGE_DIR,
    ratePerSecond: c.MATRIX_RATE_PER_SECOND,
    queueMax: c.MATRIX_QUEUE_MAX,
  };
}

export const matrixSection: ConfigSection<MatrixConfig | undefined> = { name: 'matrix', schema, secrets: ['MATRIX_ACCESS_TOKEN'], load: loadMatrixConfig };
