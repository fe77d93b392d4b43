import { fileURLToPath } from 'node:url';
import type { Activity } from 'botbuilder';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger, type Logger } from '../../../src/logger.js';
import { TeamsAdapter } from '../../../adapters/teams/teams-adapter.js';
import { loadTeamsConfig } from '../../../adapters/teams/config.js';
import { FakeConnector } from './fake-connector.js';

export const DIRECTORY = fileURLToPath(new URL('../fixtures/directory.yaml', import.meta.url));

/** The real core (in-memory SQLite, test directory) behind a real Teams endpoint and a fake connector. */
export interface TeamsRig {
  app: App;
  teams: TeamsAdapter;
  connector: FakeConnector;
  endpoint: string;
  /** POSTs a body (object → JSON, string as is) to /api/messages. */
  post(body: Partial<Activity> | string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** `logger` receives the app's and the endpoint's logs (silent by default). */
export async function teamsRig(env: Record<string, string> = {}, logger: Logger = silentLogger()): Promise<TeamsRig> {
  const connector = new FakeConnector();
  await connector.start();
  const app = createApp({ config: loadConfig({}), logger, watch: false, databasePath: ':memory:', directoryFile: DIRECTORY });
  const teams = new TeamsAdapter({ config: loadTeamsConfig({ TEAMS_PORT: '0', TEAMS_HOST: '127.0.0.1', ...env }), logger, kv: app.stores.kv });
  app.router.register(teams);
  await teams.start(app.bot);
  const endpoint = `http://127.0.0.1:${teams.address()!.port}/api/messages`;
  return {
    app,
    teams,
    connector,
    endpoint,
    async post(body, headers = {}) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    },
    async close() {
      await teams.stop();
      await connector.stop();
      await app.close();
    },
  };
}
