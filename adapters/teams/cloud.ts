import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { DeliveryError } from '../../src/types.js';
import type { TeamsConfig } from './config.js';
import { muteTokenValidationNoise } from './sdk-console.js';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * botbuilder's CloudAdapter, with authentication and processing exposed as two steps so the HTTP
 * layer can refuse unauthenticated requests (401) before looking at what they contain.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Validates the Authorization header (Bot Framework JWT; anonymous only in local mode). */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs one authenticated turn; returns the invoke response when there is one. */
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * botbuilder's public-cloud settings (botframework-connector's AuthenticationConstants and
 * CallerIdConstants.PublicAzureChannel). Setting any one of them makes botbuilder take every one
 * as given, so a custom OpenID metadata URL comes with all the others, unchanged.
 */
export const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

/** `ConfigurationBotFrameworkAuthentication` from the validated Teams section ({} in local mode). */
export function createCloudAdapter(cfg: TeamsConfig): TeamsCloudAdapter {
  if (cfg.authenticated) muteTokenValidationNoise();
  const auth = cfg.authenticated
    ? new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: cfg.appId,
        MicrosoftAppPassword: cfg.appPassword,
        MicrosoftAppTenantId: cfg.tenantId,
        // botbuilder compares the type case-insensitively ("UserAssignedMsi").
        MicrosoftAppType: cfg.appType,
        ...(cfg.openIdMetadataUrl ? { ...PUBLIC_CLOUD, ValidateAuthority: true, ToBotFromChannelOpenIdMetadataUrl: cfg.openIdMetadataUrl } : {}),
      })
    : new ConfigurationBotFrameworkAuthentication({});
  return new TeamsCloudAdapter(auth);
}

/** HTTP status carried by a connector error (RestError.statusCode, or a status in the message). */
export function statusOf(e: unknown): number | undefined {
  const err = e as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const v of [err?.statusCode, err?.status, err?.response?.status]) if (typeof v === 'number') return v;
  return undefined;
}

/** A connector failure as the core understands it; never retried (403: app uninstalled, 404: conversation gone). */
export function toDeliveryError(e: unknown, what: string): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const status = statusOf(e);
  const reason = status === 403 ? 'the bot is no longer allowed in this conversation (app removed or user blocked it)' : status === 404 ? 'conversation or message not found' : (e as Error)?.message ?? String(e);
  return new DeliveryError(`Teams ${what} failed: ${reason}`.slice(0, 300), status);
}
