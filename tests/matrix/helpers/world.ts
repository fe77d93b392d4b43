import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger, silentLogger } from '../../../src/logger.js';
import type { Stores } from '../../../src/store/escalation-types.js';
import { startMatrix } from '../../../adapters/matrix/index.js';
import type { MatrixAdapter } from '../../../adapters/matrix/adapter.js';
import type { MatrixAdapterOptions } from '../../../adapters/matrix/adapter.js';
import { HomeserverDouble } from '../double/server.js';
import { Agent, waitUntil, type Seen } from './agent.js';

/** A homeserver double, the real app (real knowledge, SQLite in memory) and the Matrix adapter. */

export const DIRECTORY = fileURLToPath(new URL('../fixtures/ambassadors.yaml', import.meta.url));
export const BOT = '@assistant-ia:tchap.test';
export const AMBASSADOR = '@camille.martin:tchap.test';
export const AMBASSADORS_ROOM = '#ambassadeurs-ia:tchap.test';

/** Fast timings for tests: short long-polls and back-offs, 20 messages/s per room. */
export const FAST: MatrixAdapterOptions = { sync: { syncTimeoutMs: 1_000, backoffBaseMs: 100, backoffMaxMs: 400 }, startupMarginMs: 0, sendRetryBaseMs: 50 };

export function testLogger() {
  return process.env.MATRIX_TEST_LOG ? createLogger({ level: process.env.MATRIX_TEST_LOG, format: 'pretty' }) : silentLogger();
}

export function makeApp(stores?: Stores): App {
  return createApp({ config: loadConfig({}), logger: testLogger(), watch: false, databasePath: ':memory:', directoryFile: DIRECTORY, stores });
}

export class World {
  readonly agents: Agent[] = [];
  adapter?: MatrixAdapter;

  constructor(
    readonly double: HomeserverDouble,
    readonly app: App,
  ) {}

  static async create(opts: { serverName?: string; app?: App } = {}): Promise<World> {
    const double = await new HomeserverDouble(opts.serverName ?? 'tchap.test').start();
    double.registerUser(BOT, 'Assistant IA');
    return new World(double, opts.app ?? makeApp());
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    const bot = this.double.model.users.get(BOT)!;
    return {
      MATRIX_HOMESERVER_URL: this.double.url,
      MATRIX_ACCESS_TOKEN: bot.token,
      MATRIX_BOT_USER_ID: BOT,
      MATRIX_ALLOWED_DOMAINS: 'tchap.test',
      MATRIX_RATE_PER_SECOND: '20',
      ...extra,
    };
  }

  async startBot(extra: Record<string, string> = {}, options: MatrixAdapterOptions = {}): Promise<MatrixAdapter> {
    const adapter = (await startMatrix(this.app, this.env(extra), { ...FAST, ...options })) as MatrixAdapter;
    this.adapter = adapter;
    return adapter;
  }

  async agent(userId: string, displayname?: string): Promise<Agent> {
    const a = await Agent.start(this.double, userId, displayname);
    this.agents.push(a);
    return a;
  }

  /** Says something and returns the bot's answers to it once the agent's client has them all. */
  async turn(agent: Agent, roomId: string, text: string, extra: Record<string, unknown> = {}): Promise<Seen[]> {
    const before = agent.messagesFrom(roomId, BOT).length;
    const eventId = await agent.say(roomId, text, extra);
    await this.settled(eventId);
    await this.delivered(agent, roomId);
    return agent.messagesFrom(roomId, BOT).slice(before);
  }

  /** Waits until the adapter has handled an event and sent everything it queued. */
  async settled(eventId: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.app.stores.kv.get('matrix-processed', eventId)) === undefined) {
      if (Date.now() > deadline) throw new Error(`event ${eventId} never processed`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await this.adapter?.idle();
  }

  /** Waits until the agent's client received every bot message the homeserver holds for the room. */
  async delivered(agent: Agent, roomId: string): Promise<void> {
    const onServer = () => this.double.model.events(roomId, { sender: BOT, type: 'm.room.message' }).length;
    await waitUntil(() => agent.messagesFrom(roomId, BOT).length >= onServer(), `agent receives the bot's messages in ${roomId}`);
  }

  /** The ambassadors' room of the directory, created by the ambassador with the bot invited. */
  ambassadorsRoom(): string {
    if (!this.double.model.users.has(AMBASSADOR)) this.double.registerUser(AMBASSADOR, 'Camille Martin');
    return this.double.model.createRoom(AMBASSADOR, { name: 'Ambassadeurs IA', alias: 'ambassadeurs-ia', invite: [BOT] });
  }

  async close(): Promise<void> {
    for (const a of this.agents) a.stop();
    await this.adapter?.stop();
    await this.app.close();
    await this.double.stop();
  }
}
