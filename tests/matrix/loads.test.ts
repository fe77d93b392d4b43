import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config.js';
import { CHANNEL_STARTERS } from '../../src/launcher.js';
import { ConfigError } from '../../src/config.js';
import { loadMatrixConfig } from '../../adapters/matrix/config.js';
import { nativeCrypto } from '../../adapters/matrix/encryption.js';
import { makeApp } from './helpers/world.js';

const require = createRequire(import.meta.url);

const BASE = {
  MATRIX_HOMESERVER_URL: 'https://matrix.agent.interieur.tchap.gouv.fr/',
  MATRIX_ACCESS_TOKEN: 'syt_secret_token_value',
  MATRIX_BOT_USER_ID: '@assistant-ia:agent.interieur.tchap.gouv.fr',
};

describe('the Matrix adapter loads without the native crypto library and without network', () => {
  it('imports matrix-bot-sdk and the adapter; the crypto shim exports stubs that fail only when used', async () => {
    const mod = await import('../../adapters/matrix/index.js');
    expect(typeof mod.startMatrix).toBe('function');
    const sdk = await import('matrix-bot-sdk');
    expect(typeof sdk.MatrixClient).toBe('function');
    const crypto = require('@matrix-org/matrix-sdk-crypto-nodejs') as Record<string, unknown> & { shimStatus?: { native: boolean } };
    expect(crypto.shimStatus).toBeDefined();
    if (!crypto.shimStatus!.native) {
      // This machine has no native library: every entry point fails with a clear, typed error.
      expect(nativeCrypto()).toMatchObject({ native: false, detail: expect.stringMatching(/not installed|MATRIX_CRYPTO_NODEJS_PATH/) });
      const OlmMachine = crypto.OlmMachine as { initialize(...a: unknown[]): unknown };
      expect(() => OlmMachine.initialize()).toThrow(expect.objectContaining({ code: 'MATRIX_CRYPTO_UNAVAILABLE', message: expect.stringMatching(/MATRIX_ENCRYPTION=false/) }));
      expect(() => new (crypto.UserId as new (id: string) => unknown)('@a:b')).toThrow(/native module/);
      expect((crypto.StoreType as Record<string, number>).Sqlite).toBe(1);
    }
  });

  it('loads in a plain Node process too (as `npm start` does)', () => {
    const code = "const sdk = require('matrix-bot-sdk'); const c = require('@matrix-org/matrix-sdk-crypto-nodejs'); console.log(typeof sdk.MatrixClient, typeof c.shimStatus);";
    const r = spawnSync(process.execPath, ['-e', code], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function object');
  });

  it('is registered in the launcher and stays off while MATRIX_HOMESERVER_URL is unset', async () => {
    const entry = CHANNEL_STARTERS.find((s) => s.name === 'matrix');
    expect(entry).toBeDefined();
    const start = await entry!.load();
    const app = makeApp();
    try {
      expect(await start(app, {})).toBeUndefined();
      expect(app.router.has('matrix')).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('Matrix configuration', () => {
  it('is undefined without a homeserver URL, and defaults sensibly otherwise', () => {
    expect(loadMatrixConfig({})).toBeUndefined();
    expect(loadMatrixConfig({ MATRIX_HOMESERVER_URL: '  ' })).toBeUndefined();
    const c = loadMatrixConfig(BASE)!;
    expect(c).toMatchObject({
      homeserverUrl: 'https://matrix.agent.interieur.tchap.gouv.fr',
      allowedDomains: ['agent.interieur.tchap.gouv.fr'],
      allowedUsers: [],
      encryption: false,
      storageDir: './data/matrix',
      ratePerSecond: 1,
    });
  });

  it('parses lists, booleans and numbers', () => {
    const c = loadMatrixConfig({
      ...BASE,
      MATRIX_ALLOWED_DOMAINS: 'agent.interieur.tchap.gouv.fr, *.tchap.gouv.fr',
      MATRIX_ALLOWED_USERS: '@*:partenaire.example, /^@jean\\.[a-z]+:x\\.fr$/',
      MATRIX_ENCRYPTION: 'true',
      MATRIX_RATE_PER_SECOND: '0.5',
      MATRIX_STORAGE_DIR: '/var/lib/charte-ia/matrix',
    })!;
    expect(c.allowedDomains).toEqual(['agent.interieur.tchap.gouv.fr', '*.tchap.gouv.fr']);
    expect(c.allowedUsers).toHaveLength(2);
    expect(c.encryption).toBe(true);
    expect(c.ratePerSecond).toBe(0.5);
  });

  it('names the variable in every error and never prints the token', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadMatrixConfig(env);
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
    };
    expect(problems({ MATRIX_HOMESERVER_URL: 'tchap' })).toMatch(/MATRIX_HOMESERVER_URL="tchap"/);
    expect(problems({ MATRIX_HOMESERVER_URL: 'https://hs.example' })).toMatch(/MATRIX_ACCESS_TOKEN.*required[\s\S]*MATRIX_BOT_USER_ID.*required/);
    expect(problems({ ...BASE, MATRIX_BOT_USER_ID: 'assistant' })).toMatch(/MATRIX_BOT_USER_ID="assistant": a Matrix user id/);
    expect(problems({ ...BASE, MATRIX_ENCRYPTION: 'oui' })).toMatch(/MATRIX_ENCRYPTION="oui": must be true or false/);
    expect(problems({ ...BASE, MATRIX_RATE_PER_SECOND: '0' })).toMatch(/MATRIX_RATE_PER_SECOND="0"/);
    expect(problems({ ...BASE, MATRIX_ALLOWED_DOMAINS: 'agent tchap' })).toMatch(/MATRIX_ALLOWED_DOMAINS/);
    expect(problems({ ...BASE, MATRIX_ALLOWED_USERS: '/([/' })).toMatch(/MATRIX_ALLOWED_USERS.*invalid regular expression/);
    const short = problems({ ...BASE, MATRIX_ACCESS_TOKEN: 'abc' });
    expect(short).toMatch(/MATRIX_ACCESS_TOKEN="\*\*\*"/);
    expect(short).not.toContain('abc');
  });
});
