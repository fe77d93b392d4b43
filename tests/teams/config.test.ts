import { describe, it, expect, afterAll } from 'vitest';
import { loadTeamsConfig } from '../../adapters/teams/config.js';
import { startTeams } from '../../adapters/teams/index.js';
import { CHANNEL_STARTERS } from '../../src/launcher.js';
import { ConfigError } from '../../src/config.js';
import { testApp } from '../helpers/test-bot.js';

afterAll(async () => testApp().close());

const APP_ID = '5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50';
const TENANT = '2f0e3c51-7a4b-4d7e-9b1e-5c3a9d0e7f11';

function problems(env: Record<string, string>): string[] {
  try {
    loadTeamsConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('Teams configuration', () => {
  it('runs in local mode on 127.0.0.1:3978 without credentials', () => {
    expect(loadTeamsConfig({})).toMatchObject({ enabled: true, authenticated: false, port: 3978, host: '127.0.0.1', maxBodyBytes: 256 * 1024 });
  });

  it('listens on every interface with credentials (single tenant by default)', () => {
    const cfg = loadTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', MicrosoftAppTenantId: TENANT });
    expect(cfg).toMatchObject({ authenticated: true, appType: 'SingleTenant', host: '0.0.0.0', appId: APP_ID, tenantId: TENANT });
    expect(loadTeamsConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, TEAMS_HOST: '10.0.0.2', TEAMS_PORT: '8080' })).toMatchObject({
      appType: 'UserAssignedMSI',
      host: '10.0.0.2',
      port: 8080,
    });
  });

  it('names the variable in every error, and never prints the secret', () => {
    expect(problems({ TEAMS_PORT: 'abc' })[0]).toMatch(/^TEAMS_PORT="abc": /);
    expect(problems({ MicrosoftAppType: 'Tenant' })[0]).toMatch(/^MicrosoftAppType="Tenant": expected one of SingleTenant, MultiTenant, UserAssignedMSI/);
    expect(problems({ MicrosoftAppId: 'not-a-guid' })[0]).toMatch(/^MicrosoftAppId=/);
    expect(problems({ MicrosoftAppPassword: 'topsecret' })).toEqual(expect.arrayContaining([expect.stringMatching(/^MicrosoftAppId: required/), expect.stringMatching(/^MicrosoftAppTenantId: required/)]));
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT })).toEqual([expect.stringMatching(/^MicrosoftAppPassword: required for MicrosoftAppType=SingleTenant/)]);
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'x' })[0]).toMatch(/^MicrosoftAppPassword: must be empty/);
    expect(problems({ TEAMS_ENABLED: 'oui' })[0]).toMatch(/^TEAMS_ENABLED=/);
    expect(JSON.stringify(problems({ MicrosoftAppPassword: 'topsecret', MicrosoftAppId: 'x' }))).not.toContain('topsecret');
  });

  it('is registered in the launcher, and TEAMS_ENABLED=false leaves Teams off', async () => {
    expect(CHANNEL_STARTERS.map((s) => s.name)).toContain('teams');
    const load = CHANNEL_STARTERS.find((s) => s.name === 'teams')!.load;
    expect(await load()).toBe(startTeams);
    expect(await startTeams(testApp(), { TEAMS_ENABLED: 'false' })).toBeUndefined();
    const adapter = await startTeams(testApp(), { TEAMS_PORT: '0' });
    try {
      expect(adapter?.name).toBe('teams');
      const port = (adapter as unknown as { address(): { port: number } }).address().port;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // A port already taken is a configuration error naming TEAMS_PORT.
      await expect(startTeams(testApp(), { TEAMS_PORT: String(port) })).rejects.toThrow(new RegExp(`TEAMS_PORT=${port}: cannot listen`));
    } finally {
      await adapter?.stop();
    }
  });
});
