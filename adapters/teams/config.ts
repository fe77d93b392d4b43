import { z } from 'zod';
import { ConfigError, envField, parseEnvSection, presentEnv, type ConfigSection, type Env } from '../../src/config.js';

/**
 * The Teams section of the environment, validated on its own so that `charte-ia start` fails fast
 * with the variable's name. Without any Microsoft credential the endpoint runs in local mode:
 * anonymous requests are accepted from this machine only (Agents Playground, tests).
 */

export const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

/** Largest request body accepted on /api/messages (Teams activities are a few kilobytes). */
export const MAX_BODY_BYTES = 256 * 1024;

/** https anywhere; plain http only to this machine (tests serving their own key set). */
function isOpenIdUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname));
  } catch {
    return false;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const teamsEnvSchema = z.object({
  TEAMS_ENABLED: envField.bool().default('true'),
  MicrosoftAppId: z.string().regex(GUID, 'the Microsoft app (client) id is a GUID').optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppTenantId: z.string().regex(GUID, 'the directory (tenant) id is a GUID').optional(),
  MicrosoftAppType: envField.oneOf(TEAMS_APP_TYPES).optional(),
  /** Former name of HTTP_PORT (still read when HTTP_PORT is unset); the port of a Teams endpoint run on its own. */
  TEAMS_PORT: envField.int(0, 65_535).default('3978'),
  /** Former name of HTTP_HOST, likewise. */
  TEAMS_HOST: envField.text().optional(),
  TEAMS_SERVICE_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .optional(),
  TEAMS_OPENID_METADATA_URL: z
    .string()
    .url()
    .refine(isOpenIdUrl, 'must be an https URL (http only on this machine: 127.0.0.1, ::1, localhost)')
    .optional(),
});

type TeamsEnvKey = keyof typeof teamsEnvSchema.shape;
const SECRET_KEYS: TeamsEnvKey[] = ['MicrosoftAppPassword'];

export interface TeamsConfig {
  enabled: boolean;
  /** True when Microsoft credentials are configured: every request must carry a valid Bot Framework token. */
  authenticated: boolean;
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: TeamsAppType;
  port: number;
  host: string;
  /**
   * Bot Connector URL used for channel notices before the bot has seen that channel (the service URL
   * Teams sends with every activity); optional.
   */
  serviceUrl?: string;
  /**
   * OpenID metadata document whose keys sign the tokens of requests from the channels (default:
   * Microsoft's public cloud). For sovereign clouds, and for tests that serve their own key set.
   */
  openIdMetadataUrl?: string;
  maxBodyBytes: number;
}

/** The credentials each app type needs, from the variables that are set (checked even when another value is invalid). */
function requireKeys(cfg: Partial<Record<TeamsEnvKey, string>>, type: TeamsAppType): string[] {
  const problems: string[] = [];
  const need = (key: TeamsEnvKey, why: string) => {
    if (!cfg[key]) problems.push(`${key}: required ${why}`);
  };
  need('MicrosoftAppId', 'when Teams credentials are configured');
  if (type === 'SingleTenant' || type === 'UserAssignedMSI') need('MicrosoftAppTenantId', `for MicrosoftAppType=${type}`);
  if (type !== 'UserAssignedMSI') need('MicrosoftAppPassword', `for MicrosoftAppType=${type} (the app registration's client secret)`);
  if (type === 'UserAssignedMSI' && cfg.MicrosoftAppPassword) problems.push('MicrosoftAppPassword: must be empty for MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)');
  return problems;
}

/** Reads the Teams variables (empty strings count as unset); throws ConfigError naming each bad variable. */
export function loadTeamsConfig(env: Env): TeamsConfig {
  const set: Partial<Record<TeamsEnvKey, string>> = presentEnv(Object.keys(teamsEnvSchema.shape), env);
  const authenticated = Boolean(set.MicrosoftAppId || set.MicrosoftAppPassword || set.MicrosoftAppTenantId || set.MicrosoftAppType);
  const type = TEAMS_APP_TYPES.find((t) => t === set.MicrosoftAppType) ?? 'SingleTenant';
  const problems = authenticated ? requireKeys(set, type) : [];
  let cfg: z.infer<typeof teamsEnvSchema>;
  try {
    cfg = parseEnvSection(teamsEnvSchema, env, SECRET_KEYS);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError([...e.problems, ...problems]);
    throw e;
  }
  if (problems.length) throw new ConfigError(problems);
  const appType = cfg.MicrosoftAppType ?? 'SingleTenant';
  return {
    enabled: cfg.TEAMS_ENABLED,
    authenticated,
    appId: cfg.MicrosoftAppId,
    appPassword: cfg.MicrosoftAppPassword,
    tenantId: cfg.MicrosoftAppTenantId,
    appType,
    port: cfg.TEAMS_PORT,
    host: cfg.TEAMS_HOST ?? (authenticated ? '0.0.0.0' : '127.0.0.1'),
    serviceUrl: cfg.TEAMS_SERVICE_URL,
    openIdMetadataUrl: cfg.TEAMS_OPENID_METADATA_URL,
    maxBodyBytes: MAX_BODY_BYTES,
  };
}

export const teamsSection: ConfigSection<TeamsConfig> = { name: 'teams', schema: teamsEnvSchema, secrets: SECRET_KEYS, load: loadTeamsConfig };
