import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { startChannels, type Running } from '../../../src/launcher.js';
import type { TeamsAdapter } from '../../../adapters/teams/index.js';
import { FakeConnector, type ConnectorCall } from '../../teams/support/fake-connector.js';
import { personalMessage, type TeamsUser } from '../../teams/support/activities.js';
import { TeamsSide, textOf } from '../../cross-channel/support/teams-side.js';
import { DIRECTORY } from '../../teams/support/teams-app.js';

/**
 * The whole bot as `npm start` runs it — createApp on a SQLite file, the launcher's channels, the
 * real Teams HTTP endpoint — with every log line (level trace, the production logger factory)
 * captured, and every write to stdout / stderr of this process recorded too.
 */

export { textOf };

export class PiiWorld {
  readonly logs: string[] = [];
  readonly stdio: string[] = [];
  private restore: (() => void)[] = [];

  private constructor(
    readonly dir: string,
    readonly databasePath: string,
    readonly app: App,
    readonly running: Running,
    readonly connector: FakeConnector,
    readonly teams: TeamsSide,
    logs: string[],
  ) {
    this.logs = logs;
  }

  static async start(): Promise<PiiWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'charte-pii-'));
    const databasePath = join(dir, 'charte-ia.db');
    const logs: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'trace', LOG_FORMAT: 'json', DATABASE_PATH: databasePath, KNOWLEDGE_WATCH: 'false', KB_DRAFTS_DIR: join(dir, 'drafts') });
    const logger = createLogger({ level: 'trace', format: 'json', destination });
    const app = createApp({ config, logger, databasePath, directoryFile: DIRECTORY, watch: false });
    const connector = new FakeConnector();
    await connector.start();
    const running = await startChannels(app, { console: false, env: { TEAMS_PORT: '0', TEAMS_HOST: '127.0.0.1' } });
    const teams = running.adapters.find((a) => a.name === 'teams') as TeamsAdapter | undefined;
    if (!teams) throw new Error('the launcher did not start the Teams channel');
    const world = new PiiWorld(dir, databasePath, app, running, connector, TeamsSide.of(teams, connector), logs);
    world.recordStdio();
    return world;
  }

  /** Keeps a copy of everything this process writes to stdout and stderr while the world runs. */
  private recordStdio(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.stdio.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      this.restore.push(() => {
        stream.write = original as typeof stream.write;
      });
    }
  }

  /** All captured log text: the logger's output and any other write to stdout / stderr. */
  logText(): string {
    return this.logs.join('') + this.stdio.join('');
  }

  /** POSTs an activity as the Bot Connector does; anything but 200 fails the test. */
  async post(activity: Partial<Activity>): Promise<void> {
    const status = await this.teams.post(activity);
    if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
  }

  say(user: TeamsUser, text: string): Promise<void> {
    return this.post(personalMessage(this.connector.url, user, text));
  }

  /** Presses a button of the last card the bot sent `user`. */
  async press(user: TeamsUser, title: RegExp): Promise<void> {
    const status = await this.teams.press(user, this.last(user), title);
    if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
  }

  chat(user: TeamsUser): ConnectorCall[] {
    return this.teams.chat(user);
  }

  last(user: TeamsUser): ConnectorCall {
    return this.teams.last(user);
  }

  lastText(user: TeamsUser): string {
    return textOf(this.last(user));
  }

  /**
   * Leads a hand-off to its ticket whatever the bot asks on the way (the previous question offered,
   * the case, the unit, the confirmation) and returns the ticket number.
   */
  async handOff(user: TeamsUser, question: string, unit?: string): Promise<number> {
    for (let step = 0; step < 8; step++) {
      const text = this.lastText(user);
      const ticket = /C’est transmis : votre demande \**#(\d+)/.exec(text);
      if (/Voici ce qui sera transmis/.test(text)) await this.press(user, /^Envoyer$/);
      else if (/S’agit-il de votre question précédente/.test(text)) await this.press(user, /^Transmettre cette question$/);
      else if (/de quelle structure|Je n’ai pas reconnu|De quelle préfecture/.test(text)) {
        if (unit && step < 5) await this.say(user, unit);
        else await this.press(user, /^Je ne sais pas$/);
        unit = undefined;
      } else if (/Décrivez votre question|Pouvez-vous préciser/.test(text)) await this.say(user, question);
      else if (ticket) return Number(ticket[1]);
      else throw new Error(`unexpected reply during the hand-off: ${text}`);
    }
    throw new Error(`no ticket after 8 steps: ${this.lastText(user)}`);
  }

  /** Waits until no new message reached the fake connector for a while (proactive notices are async). */
  async settle(quietMs = 150, maxMs = 5_000): Promise<void> {
    const until = Date.now() + maxMs;
    let seen = -1;
    while (Date.now() < until) {
      if (this.connector.calls.length === seen) return;
      seen = this.connector.calls.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  /** Stops the channels and the app (the store is closed: its WAL is checkpointed). */
  async stop(): Promise<void> {
    await this.running.stop();
    await this.connector.stop();
    for (const r of this.restore.splice(0)) r();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let n = 0;
/** A new agent with a personal chat of their own (fictitious ids; the name is not personal data here). */
export function newAgent(tag: string): TeamsUser {
  n++;
  const hex = n.toString(16).padStart(12, '0');
  return { id: `29:1agent-${tag}-${n}`, name: `Agent ${tag}`, aadObjectId: `0a0a0a0a-0000-4000-8000-${hex}` };
}
