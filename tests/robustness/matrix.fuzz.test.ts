import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { HomeserverDouble } from '../matrix/double/server.js';
import type { MatrixEvent } from '../matrix/double/model.js';
import { BOT, DIRECTORY, World } from '../matrix/helpers/world.js';
import { captureLogs } from '../helpers/log-capture.js';
import { fuzzCount, fuzzSeed, Prng } from './support/prng.js';
import { matrixEvent, type MatrixFuzzContext } from './support/matrix-inputs.js';
import { describeInput, matrixContentProblems } from './support/validate.js';
import { watchProcess } from './support/watch.js';

/**
 * The Matrix channel's entry point: events reach the real adapter through the homeserver double's
 * /sync, as from Tchap, in direct chats and group rooms. The sync loop must keep going (a probe in
 * a direct chat is answered after every few batches), every message the bot sends must be a valid
 * notice (plain body, only the HTML the renderer writes, under the event size limit), no answer may
 * go to a user outside the allowed domains, and nothing may fail or escape.
 */

const COUNT = fuzzCount(3_000);
const BATCH = 30;
const seed = fuzzSeed('matrix');
const AGENTS = Array.from({ length: 5 }, (_, i) => `@agent-${i}:tchap.test`);
const OUTSIDER = '@intrus:evil.example';
const logs = captureLogs('warn');

let double: HomeserverDouble;
let app: App;
let world: World;
const rooms: { id: string; dm: boolean; recent: string[]; botEvents: string[] }[] = [];

async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

/** Everything delivered so far has been synced and handled, answers sent included. */
async function drained(): Promise<void> {
  for (let stable = 0; stable < 2; ) {
    const pos = double.model.pos;
    await until(async () => (await app.stores.kv.get('matrix-sync', 'token')) === `s${double.model.pos}`, 'the bot syncs up');
    await world.adapter!.idle();
    stable = double.model.pos === pos ? stable + 1 : 0;
  }
}

beforeAll(async () => {
  double = await new HomeserverDouble('tchap.test').start();
  double.registerUser(BOT, 'Assistant IA');
  for (const a of AGENTS) double.registerUser(a, `Agent ${a.slice(7, 8)}`);
  app = createApp({ config: loadConfig({}), logger: logs.logger, watch: false, databasePath: ':memory:', directoryFile: DIRECTORY });
  world = new World(double, app);
  await world.startBot({ MATRIX_RATE_PER_SECOND: '50' });
  for (let i = 0; i < 3; i++) rooms.push({ id: double.model.createRoom(AGENTS[i]!, { isDirect: true, invite: [BOT] }), dm: true, recent: [], botEvents: [] });
  for (let i = 0; i < 3; i++) {
    const id = double.model.createRoom(AGENTS[i]!, { name: `Salle ${i}`, invite: [BOT] });
    for (const a of AGENTS) if (a !== AGENTS[i]) double.model.join(id, a);
    rooms.push({ id, dm: false, recent: [], botEvents: [] });
  }
  await until(() => rooms.every((r) => double.model.membership(r.id, BOT) === 'join'), 'the bot joins every room');
  await drained();
}, 60_000);
afterAll(async () => world?.close());

describe(`Matrix adapter fuzz: ${COUNT} generated events (seed ${seed})`, () => {
  it('keeps syncing, sends only valid notices, answers no outsider, leaves nothing unhandled', { timeout: 240_000 }, async () => {
    const r = new Prng(seed);
    const watch = watchProcess();
    const problems: string[] = [];
    const outsiderEvents = new Set<string>();
    const inputs = new Map<string, unknown>();
    let checked = 0;
    let sentSeen = double.model.sent.length;
    const started = performance.now();

    const collect = () => {
      for (const s of double.model.sent.slice(sentSeen)) {
        if (s.sender !== BOT || s.type !== 'm.room.message') continue;
        checked++;
        const answered = ((s.content['m.relates_to'] as Record<string, unknown> | undefined)?.['m.in_reply_to'] as { event_id?: string } | undefined)?.event_id;
        for (const p of matrixContentProblems(s.content)) problems.push(`sent in ${s.roomId}: ${p} — answering ${describeInput(answered ? inputs.get(answered) : '?')}`);
        if (answered && outsiderEvents.has(answered)) problems.push(`answered a user outside the allowed domains: ${describeInput(inputs.get(answered))}`);
        rooms.find((x) => x.id === s.roomId)?.botEvents.push(s.eventId);
      }
      sentSeen = double.model.sent.length;
    };

    /** A plain question in a direct chat must still be answered. */
    const probe = async (n: number) => {
      const room = rooms[n % 3]!;
      const before = double.model.sent.filter((s) => s.roomId === room.id && s.sender === BOT).length;
      const probeEvent = double.model.append(room.id, { type: 'm.room.message', sender: AGENTS[n % 3]!, content: { msgtype: 'm.text', body: 'Qu’est-ce que MIRAI ?' } });
      try {
        await until(() => double.model.sent.filter((s) => s.roomId === room.id && s.sender === BOT).length > before, 'the probe is answered');
      } catch {
        problems.push(`probe ${n} in a direct chat not answered: the channel is stuck`);
        if (process.env.FUZZ_DEBUG) {
          console.log('processed', await app.stores.kv.get('matrix-processed', probeEvent.event_id), 'pending', await app.stores.kv.get('matrix-pending', probeEvent.event_id));
          console.log(double.model.events(room.id).slice(-12).map((e) => JSON.stringify(e).slice(0, 300)).join('\n'));
          console.log('--sent', double.model.sent.filter((x) => x.roomId === room.id).slice(-3).map((x) => JSON.stringify(x).slice(0, 300)).join('\n'));
        }
      }
    };

    try {
      for (let done = 0, batch = 0; done < COUNT && problems.length < 20; batch++) {
        for (let i = 0; i < BATCH && done < COUNT; i++, done++) {
          const room = r.pick(rooms);
          const ctx: MatrixFuzzContext = { bot: BOT, botName: 'Assistant IA', senders: room.dm ? [AGENTS[rooms.indexOf(room)]!] : AGENTS, outsider: OUTSIDER, recent: room.recent, botEvents: room.botEvents, dm: room.dm };
          const ev = matrixEvent(r, ctx);
          const appended: MatrixEvent = double.model.append(room.id, ev as unknown as Parameters<HomeserverDouble['model']['append']>[1]);
          if (r.chance(0.01)) (appended as unknown as Record<string, unknown>).event_id = r.pick<unknown>([42, '', null]);
          else {
            room.recent.push(appended.event_id);
            if (room.recent.length > 50) room.recent.shift();
            inputs.set(appended.event_id, ev);
            if (ev.sender === OUTSIDER) outsiderEvents.add(appended.event_id);
          }
        }
        try {
          await drained();
        } catch (e) {
          problems.push(`batch ${batch}: ${(e as Error).message}`);
          break;
        }
        collect();
        if (batch % 10 === 9) await probe(batch);
      }
      await probe(0);
      await drained();
      collect();
    } finally {
      watch.stop();
    }
    const errors = logs.errors().map((l) => `${l.msg}: ${String(l.err ?? '')}`.slice(0, 300));
    const context = `seed ${seed} (replay: FUZZ_SEED=${seed} npx vitest run tests/robustness/matrix.fuzz.test.ts)`;
    expect(problems, context).toEqual([]);
    expect(errors, context).toEqual([]);
    expect(watch.problems, context).toEqual([]);
    expect(checked).toBeGreaterThan(COUNT / 4);
    if (process.env.FUZZ_REPORT) console.log(`matrix fuzz: ${COUNT} events, ${checked} notices checked, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
});
