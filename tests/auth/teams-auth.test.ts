import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import { PUBLIC_CLOUD } from '../../adapters/teams/cloud.js';
import { loadTeamsConfig } from '../../adapters/teams/config.js';
import { ConfigError } from '../../src/config.js';
import { AGENT, channelMessage } from '../teams/support/activities.js';
import { teamsRig, type TeamsRig } from '../teams/support/teams-app.js';
import { captureLogs, type CapturedLogs } from '../helpers/log-capture.js';
import { channelClaims, LocalOpenIdProvider, rsaKey, signJwt, type SigningKey } from './support/openid.js';

/**
 * Authentication really enforced, offline: with Microsoft credentials set, botbuilder validates the
 * Bot Framework tokens against an OpenID metadata document and key set served on loopback by the
 * test (TEAMS_OPENID_METADATA_URL). A correctly signed token is accepted and reaches the bot, so each
 * 401 below comes from the validation itself, not from an unreachable Microsoft endpoint.
 */

const APP_ID = '5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50';
const OTHER_APP_ID = '0d9a8b7c-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const TENANT = '2f0e3c51-7a4b-4d7e-9b1e-5c3a9d0e7f11';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const CHANNEL_REFS = 'teams-channel-refs';

const teamsKey = rsaKey('teams-key', ['msteams']);
const webchatOnlyKey = rsaKey('webchat-key', ['webchat']);
const strangerKey = rsaKey('stranger-key', ['msteams']);

let provider: LocalOpenIdProvider;
let rig: TeamsRig;
let logs: CapturedLogs;
let n = 0;
// Installed before the adapter: what botbuilder prints goes through the adapter's filter to this spy.
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => {
  provider = await new LocalOpenIdProvider([teamsKey, webchatOnlyKey]).start();
  logs = captureLogs('debug');
  rig = await teamsRig(
    { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT, TEAMS_OPENID_METADATA_URL: provider.metadataUrl },
    logs.logger,
  );
});
afterAll(async () => {
  await rig.close();
  await provider.stop();
  consoleError.mockRestore();
});

/**
 * A message in a team channel without a mention: the bot handles it (it keeps where that channel
 * can be reached) and answers nothing, so no outgoing call needs an Entra ID token.
 */
function activity() {
  const channelId = `19:auth-case-${++n}@thread.tacv2`;
  return { channelId, body: channelMessage(SERVICE_URL, AGENT, 'Bonjour à tous', false, channelId) };
}

async function reachedBot(channelId: string): Promise<boolean> {
  return (await rig.app.stores.kv.get(CHANNEL_REFS, channelId)) !== undefined;
}

async function send(authorization?: string): Promise<{ status: number; body: string; reached: boolean }> {
  const { channelId, body } = activity();
  const res = await rig.post(body, authorization === undefined ? {} : { authorization });
  return { ...res, reached: await reachedBot(channelId) };
}

const bearer = (claims: Record<string, unknown>, key: SigningKey = teamsKey) => `Bearer ${signJwt(claims, { key })}`;
const valid = (overrides: Record<string, unknown> = {}) => channelClaims(APP_ID, SERVICE_URL, overrides);

describe('Teams endpoint with credentials: Bot Framework tokens validated against a local key set', () => {
  it('accepts a token signed by the channel key for this app id (positive control): 200 and the turn runs', async () => {
    const res = await send(bearer(valid()));
    expect(res).toMatchObject({ status: 200, reached: true });
    // botbuilder read the metadata document and the key set from the local provider.
    expect(provider.requests).toEqual(expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']));
    expect(rig.connector.calls).toEqual([]);
  });

  const now = () => Math.floor(Date.now() / 1000);
  // Each case with botbuilder's own reason (4.23.3), so a 401 for any other cause (an unreachable
  // key set, a crash) fails the test.
  const refused: [string, () => string | undefined, RegExp][] = [
    ['no Authorization header', () => undefined, /Request is not authorized/],
    ['an empty Authorization header', () => '', /Request is not authorized/],
    ['Bearer garbage', () => 'Bearer garbage', /No valid identity/],
    ['a Basic scheme', () => `Basic ${Buffer.from(`${APP_ID}:secret`).toString('base64')}`, /No valid identity/],
    ['the right token under another scheme', () => bearer(valid()).replace(/^Bearer/, 'Token'), /No valid identity/],
    ['an unsigned token (alg: none)', () => `Bearer ${signJwt(valid(), { alg: 'none', kid: teamsKey.kid })}`, /signature is required/],
    ['an unsigned token (alg: none) with a fake signature', () => `Bearer ${signJwt(valid(), { alg: 'none', kid: teamsKey.kid })}c2ln`, /invalid algorithm/],
    ['HS256 with the public key as the shared secret', () => `Bearer ${signJwt(valid(), { alg: 'HS256', kid: teamsKey.kid, hmacSecret: teamsKey.publicKey.export({ format: 'pem', type: 'spki' }) })}`, /invalid algorithm/],
    ['a self-signed token (key not in the key set)', () => bearer(valid(), strangerKey), /Signing Key could not be retrieved/],
    ['a self-signed token claiming the channel key id', () => `Bearer ${signJwt(valid(), { key: strangerKey, kid: teamsKey.kid })}`, /invalid signature/],
    [
      'a signature copied from another token',
      () => {
        const [h, p] = bearer(valid({ aud: OTHER_APP_ID })).slice(7).split('.');
        const sig = bearer(valid()).slice(7).split('.')[2];
        return `Bearer ${h}.${p}.${sig}`;
      },
      /invalid signature/,
    ],
    ['a valid token for another app id', () => bearer(valid({ aud: OTHER_APP_ID })), /Invalid AppId passed on token: 0d9a8b7c/],
    ['a valid token without an audience', () => bearer(valid({ aud: undefined })), /Invalid AppId/],
    ['an expired token', () => bearer(valid({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 })), /token has expired/],
    ['a token not valid yet', () => bearer(valid({ nbf: now() + 3600, iat: now(), exp: now() + 7200 })), /jwt not active/],
    ['a token from another issuer', () => bearer(valid({ iss: 'https://api.botframework.com.attacker.example' })), /No valid identity/],
    ['a token for another Bot Connector (serviceurl claim)', () => bearer(valid({ serviceurl: 'https://attacker.example/' })), /ServiceUrl claim do not match/],
    ['a token signed by a key endorsed for another channel only', () => bearer(valid(), webchatOnlyKey), /Could not validate endorsement/],
  ];

  it.each(refused)('refuses %s: 401, nothing reaches the bot', async (_name, header, reason) => {
    const token = header();
    const before = logs.lines.length;
    const res = await send(token);
    expect(res.status).toBe(401);
    expect(res.reached).toBe(false);
    expect(JSON.parse(res.body)).toEqual({ error: 'unauthorized' });
    expect(rig.connector.calls).toEqual([]);
    // Logged once, as a warning with botbuilder's reason, without the token, the secret or a stack trace.
    const added = logs.lines.slice(before);
    const warnings = added.filter((l) => /valid Bot Framework token refused/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, err: expect.stringMatching(reason) });
    const written = logs.raw.slice(before).join('');
    if (token && token.length > 12) expect(written).not.toContain(token.split(' ').pop()!);
    expect(written).not.toContain('not-a-real-secret');
    expect(written).not.toMatch(/"stack"|\\n\s+at /);
    expect(added.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('still accepts the good token after all the refusals (nothing was cached wrongly)', async () => {
    expect(await send(bearer(valid()))).toMatchObject({ status: 200, reached: true });
  });

  it('prints nothing on the console for refused tokens (botbuilder would print stack traces and keys)', async () => {
    const expired = signJwt(valid({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }), { key: teamsKey });
    const forged = signJwt(valid(), { key: strangerKey, kid: teamsKey.kid });
    consoleError.mockClear();
    expect((await send(`Bearer ${expired}`)).status).toBe(401);
    expect((await send(`Bearer ${forged}`)).status).toBe(401);
    expect(consoleError).not.toHaveBeenCalled();
    // Anything else printed with console.error still is.
    console.error('autre erreur');
    expect(consoleError).toHaveBeenCalledWith('autre erreur');
  });
});

describe('TEAMS_OPENID_METADATA_URL', () => {
  const creds = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: TENANT };

  it('accepts https anywhere and plain http only on this machine', () => {
    expect(loadTeamsConfig({ ...creds, TEAMS_OPENID_METADATA_URL: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration' }).openIdMetadataUrl).toMatch(/^https:/);
    expect(loadTeamsConfig({ ...creds, TEAMS_OPENID_METADATA_URL: 'http://127.0.0.1:4000/x' }).openIdMetadataUrl).toBe('http://127.0.0.1:4000/x');
    expect(loadTeamsConfig(creds).openIdMetadataUrl).toBeUndefined();
    for (const bad of ['http://keys.example.org/openid', 'ftp://127.0.0.1/x', 'not a url']) {
      expect(() => loadTeamsConfig({ ...creds, TEAMS_OPENID_METADATA_URL: bad })).toThrow(ConfigError);
      expect(() => loadTeamsConfig({ ...creds, TEAMS_OPENID_METADATA_URL: bad })).toThrow(/TEAMS_OPENID_METADATA_URL=/);
    }
  });

  it('keeps every other setting of the public cloud as botbuilder defines it', () => {
    expect(PUBLIC_CLOUD).toEqual({
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  });
});
