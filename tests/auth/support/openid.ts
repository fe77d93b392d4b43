import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, createHmac, sign, type KeyObject } from 'node:crypto';
import { closeServer, listenLoopback, loopbackBase } from '../../helpers/loopback.js';

/**
 * A Bot Framework token issuer on loopback, for tests: an OpenID configuration document and a JWKS
 * holding RSA keys the test generates, and a signer for the tokens Teams' Bot Connector would send
 * (`iss` https://api.botframework.com, `aud` the bot's app id, `serviceurl`). Pointing
 * TEAMS_OPENID_METADATA_URL at it makes botbuilder validate tokens against these keys.
 */

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Channels the key is endorsed for in the JWKS (botbuilder checks the activity's channelId). */
  endorsements?: string[];
}

export function rsaKey(kid: string, endorsements?: string[]): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, endorsements };
}

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');
const part = (o: object) => b64url(JSON.stringify(o));

/** A compact JWS: RS256 with `key`, or `alg: none` (empty signature), or HS256 with a shared secret. */
export function signJwt(
  payload: Record<string, unknown>,
  opts: { key?: SigningKey; kid?: string; alg?: 'RS256' | 'none' | 'HS256'; hmacSecret?: string | Buffer },
): string {
  const alg = opts.alg ?? 'RS256';
  const header = { alg, typ: 'JWT', kid: opts.kid ?? opts.key?.kid };
  const input = `${part(header)}.${part(payload)}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') return `${input}.${b64url(createHmac('sha256', opts.hmacSecret ?? '').update(input).digest())}`;
  if (!opts.key) throw new Error('an RS256 token needs a key');
  return `${input}.${b64url(sign('sha256', Buffer.from(input), opts.key.privateKey))}`;
}

/** The claims of a channel token as the Bot Connector issues them, valid for ten minutes. */
export function channelClaims(appId: string, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: BOT_FRAMEWORK_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 600, ...overrides };
}

export class LocalOpenIdProvider {
  /** Paths requested (the test checks botbuilder really read the metadata and the keys). */
  readonly requests: string[] = [];
  private server?: Server;

  constructor(readonly keys: SigningKey[]) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      this.requests.push(path);
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (path === '/v1/.well-known/openidconfiguration') {
        return json({
          issuer: BOT_FRAMEWORK_ISSUER,
          authorization_endpoint: `${this.base}/v1/authorize`,
          jwks_uri: `${this.base}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (path === '/v1/.well-known/keys') {
        return json({
          keys: this.keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', ...(k.endorsements ? { endorsements: k.endorsements } : {}) })),
        });
      }
      res.writeHead(404).end();
    });
    this.server = await listenLoopback(server);
    return this;
  }

  private get base(): string {
    return loopbackBase(this.server!);
  }

  /** What TEAMS_OPENID_METADATA_URL is set to. */
  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }
}
