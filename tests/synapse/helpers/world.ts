import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp, type App } from '../../../src/app.js';
import { loadConfig, PROJECT_ROOT } from '../../../src/config.js';
import { startMatrix } from '../../../adapters/matrix/index.js';
import type { MatrixAdapter, MatrixAdapterOptions } from '../../../adapters/matrix/adapter.js';
import { Agent, waitUntil, type Seen } from '../../matrix/helpers/agent.js';

/**
 * The real app (real knowledge, SQLite in memory) and the Matrix adapter against the local Synapse
 * of scripts/synapse-local.sh, with agents on matrix-js-sdk. Test users are registered and logged in
 * once by the script; their tokens are reused here (never a login: Synapse limits them).
 */

export const DIRECTORY = fileURLToPath(new URL('../fixtures/ambassadors.yaml', import.meta.url));
export const AMBASSADORS_ROOM = '#ambassadeurs-ia:localhost';

export interface TestUser {
  userId: string;
  accessToken: string;
  deviceId: string;
  displayName: string;
}
type UserName = 'assistant-ia' | 'agent' | 'ambassadeur' | 'intrus';

interface UsersFile {
  homeserverUrl: string;
  serverName: string;
  users: Record<UserName, TestUser>;
}

export function synapse(): UsersFile {
  const dir = process.env.SYNAPSE_LOCAL_DIR ?? join(PROJECT_ROOT, '.synapse');
  return JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as UsersFile;
}

export const BOT = '@assistant-ia:localhost';
export const AGENT = '@agent:localhost';
export const AMBASSADOR = '@ambassadeur:localhost';
export const INTRUDER = '@intrus:localhost';

/** Short long-polls and back-offs; no start-up margin (a test's history is never a question). */
export const E2E: MatrixAdapterOptions = { sync: { syncTimeoutMs: 5_000, backoffBaseMs: 200, backoffMaxMs: 2_000 }, startupMarginMs: 0, sendRetryBaseMs: 200 };

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Every log line of the app (JSON), also printed when MATRIX_TEST_LOG is set. */
function capturingLogger(lines: LogLine[]): pino.Logger {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      const line = JSON.parse(String(chunk)) as LogLine;
      lines.push(line);
      if (process.env.MATRIX_TEST_LOG) process.stderr.write(`${line.level} ${line.msg} ${JSON.stringify({ ...line, level: undefined, msg: undefined, time: undefined, pid: undefined, hostname: undefined })}\n`);
      cb();
    },
  });
  return pino({ level: process.env.MATRIX_TEST_LOG ?? 'info' }, stream);
}

/** A French sentence, roughly: a few of the commonest French words. */
export function looksFrench(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const common = new Set(['le', 'la', 'les', 'de', 'des', 'du', 'un', 'une', 'et', 'est', 'vous', 'votre', 'vos', 'pour', 'pas', 'ne', 'je', 'en', 'à', 'ce', 'que', 'qui', 'sur', 'dans', 'avec']);
  return words.filter((w) => common.has(w)).length >= 3;
}

export const bodyOf = (s: Seen) => String(s.content.body ?? '');
export const htmlOf = (s: Seen) => String(s.content.formatted_body ?? '');
export const relation = (s: Seen) => s.content['m.relates_to'] as { rel_type?: string; event_id?: string; 'm.in_reply_to'?: { event_id?: string } } | undefined;

/** The numbered choices the adapter renders ("1. label" lines after « Répondez par le numéro… »). */
export function choicesOf(s: Seen): string[] {
  const lines = bodyOf(s).split('\n');
  const at = lines.findIndex((l) => /^Répondez par le numéro/.test(l));
  if (at < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    const m = /^(\d+)\. (.+)$/.exec(l);
    if (!m) break;
    out.push(m[2]!);
  }
  return out;
}

export class SynapseWorld {
  readonly agents: Agent[] = [];
  readonly logs: LogLine[] = [];
  readonly app: App;
  readonly hs = synapse();
  adapter?: MatrixAdapter;

  constructor() {
    this.app = createApp({ config: loadConfig({}), logger: capturingLogger(this.logs), watch: false, databasePath: ':memory:', directoryFile: DIRECTORY });
  }

  user(name: UserName): TestUser {
    return this.hs.users[name];
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      MATRIX_HOMESERVER_URL: this.hs.homeserverUrl,
      MATRIX_ACCESS_TOKEN: this.user('assistant-ia').accessToken,
      MATRIX_BOT_USER_ID: BOT,
      MATRIX_RATE_PER_SECOND: '10',
      ...extra,
    };
  }

  async startBot(extra: Record<string, string> = {}, options: MatrixAdapterOptions = {}): Promise<MatrixAdapter> {
    const adapter = (await startMatrix(this.app, this.env(extra), { ...E2E, ...options })) as MatrixAdapter;
    this.adapter = adapter;
    return adapter;
  }

  async restartBot(extra: Record<string, string> = {}): Promise<MatrixAdapter> {
    await this.adapter?.stop();
    return this.startBot(extra);
  }

  async agent(name: UserName, opts: { crypto?: boolean } = {}): Promise<Agent> {
    const u = this.user(name);
    const a = await Agent.connect({ baseUrl: this.hs.homeserverUrl, userId: u.userId, accessToken: u.accessToken, deviceId: u.deviceId, crypto: opts.crypto });
    this.agents.push(a);
    return a;
  }

  /** A direct chat opened by the agent (as Tchap's apps do), once the bot has joined it. */
  async directChat(agent: Agent, opts: { encrypted?: boolean } = {}): Promise<string> {
    const initial_state = opts.encrypted ? [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }] : [];
    const roomId = await agent.createRoom({ is_direct: true, invite: [BOT], preset: 'trusted_private_chat' as never, initial_state } as never);
    await this.joined(agent, roomId);
    return roomId;
  }

  /** Waits until the agent's client sees the bot as a member of the room (its join may wait out a 429). */
  async joined(agent: Agent, roomId: string, timeoutMs = 120_000): Promise<void> {
    await waitUntil(() => agent.client.getRoom(roomId)?.getMember(BOT)?.membership === 'join', `bot joins ${roomId}`, timeoutMs);
  }

  /** Says something and returns the bot's answers to it once the agent's client has them all. */
  async turn(agent: Agent, roomId: string, text: string, extra: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<Seen[]> {
    const before = agent.messagesFrom(roomId, BOT).length;
    const eventId = await agent.say(roomId, text, extra);
    await this.settled(eventId, timeoutMs);
    await this.delivered(agent, roomId, timeoutMs);
    return agent.messagesFrom(roomId, BOT).slice(before);
  }

  /** Waits until the adapter has handled an event and sent everything it queued. */
  async settled(eventId: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.app.stores.kv.get('matrix-processed', eventId)) === undefined) {
      if (Date.now() > deadline) throw new Error(`event ${eventId} never processed`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.adapter?.idle();
  }

  /** The bot's messages in a room as Synapse holds them (asked as `agent`), oldest first. */
  async botMessagesOnServer(agent: Agent, roomId: string): Promise<{ event_id: string; content: Record<string, unknown> }[]> {
    const filter = JSON.stringify({ senders: [BOT], types: ['m.room.message'] });
    const res = await fetch(`${this.hs.homeserverUrl}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=500&filter=${encodeURIComponent(filter)}`, {
      headers: { authorization: `Bearer ${agent.client.getAccessToken()}` },
    });
    if (!res.ok) throw new Error(`/messages: HTTP ${res.status}`);
    const body = (await res.json()) as { chunk: { event_id: string; content: Record<string, unknown> }[] };
    return body.chunk.reverse();
  }

  /** Waits until the agent's client received every bot message Synapse holds for the room. */
  async delivered(agent: Agent, roomId: string, timeoutMs = 30_000): Promise<void> {
    const onServer = (await this.botMessagesOnServer(agent, roomId)).length;
    await waitUntil(() => agent.messagesFrom(roomId, BOT).length >= onServer, `agent receives the bot's ${onServer} messages in ${roomId}`, timeoutMs);
  }

  /** The ambassadors' room of the directory (created once per homeserver by the ambassador, bot invited). */
  async ambassadorsRoom(camille: Agent): Promise<string> {
    const existing = await camille.client.getRoomIdForAlias(AMBASSADORS_ROOM).catch(() => undefined);
    if (existing) return existing.room_id;
    return camille.createRoom({ name: 'Ambassadeurs IA', room_alias_name: 'ambassadeurs-ia', invite: [BOT] });
  }

  warnings(pattern: RegExp): LogLine[] {
    return this.logs.filter((l) => l.level >= 40 && pattern.test(l.msg));
  }

  async close(): Promise<void> {
    for (const a of this.agents) a.stop();
    await this.adapter?.stop();
    await this.app.close();
  }
}
