import { describe, it, expect, afterAll } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { ActionPayload, Choice, IncomingMessage, Reply } from '../../src/types.js';
import { RecordingAdapter } from '../helpers/recording-adapter.js';
import { captureLogs } from '../helpers/log-capture.js';
import { fuzzCount, fuzzSeed, Prng } from './support/prng.js';
import { message, randomUnicode } from './support/strings.js';
import { forgedAction, pressed } from './support/payloads.js';
import { describeInput, replyListProblems } from './support/validate.js';
import { watchProcess } from './support/watch.js';

/**
 * The core's entry point, `Bot.handle`, fed generated conversations: hostile text, forged and
 * tampered buttons, agents and ambassadors (the shipped directory's console identities) in the
 * same store, the clock jumping so reminders and hand-overs fire. Each turn must resolve to valid
 * replies; no turn may fail (the bot's catch-all would hide a crash behind "problème technique",
 * so an error log counts as a failure), nothing may escape as an unhandled rejection.
 */

const COUNT = fuzzCount(4_000);
const seed = fuzzSeed('core');
const r = new Prng(seed);
const logs = captureLogs('warn');
const clock = { now: Date.UTC(2026, 10, 30, 8, 0, 0) };
const app = createApp({ config: loadConfig({}), logger: logs.logger, watch: false, databasePath: ':memory:', now: () => clock.now });
const channel = new RecordingAdapter('console');
app.router.register(channel);
afterAll(async () => app.close());

const AMBASSADORS = ['ambassadeur-national', 'ambassadeur-national-2', 'ambassadeur-bretagne', 'ambassadeur-police'];
const ODD_USERS = ['__proto__', 'constructor', 'toString', 'agent with spaces', 'é'.repeat(300), '👩‍💻', 'a\u0000b'];
const AGENTS = Array.from({ length: 10 }, (_, i) => `agent-${i}`);

function user(): string {
  return r.weighted<string>([
    [10, () => r.pick(AGENTS)],
    [4, () => r.pick(AMBASSADORS)],
    [1, () => r.pick(ODD_USERS)],
  ]);
}

const COMMANDS = ['prendre', 'répondre', 'fermer', 'transférer', '!prendre', '/fermer', 'liste'];

/** An ambassador command on a ticket that exists (the generator's numbers rarely hit one). */
function command(ticket: number): string {
  const word = r.pick(COMMANDS);
  const tail = word.endsWith('répondre') ? ` ${message(r)}` : word.endsWith('transférer') ? ` ${r.pick(['national', 'Préfecture du Rhône', 'bretagne', message(r)])}` : r.chance(0.3) ? ' faq' : '';
  return `${word} ${ticket}${tail}`;
}

/** The next input of a user, given the buttons it last received (its replies and notices). */
function nextInput(id: string, choices: Choice[] | undefined, tickets: number[]): IncomingMessage {
  const msg: IncomingMessage = { channel: 'console', conversationId: id, user: { id, name: r.chance(0.8) ? id : randomUnicode(r, 30) }, text: '' };
  let action: ActionPayload | undefined;
  const roll = r.next();
  if (roll < 0.35 && choices?.length) action = pressed(r, choices);
  else if (roll < 0.45) action = forgedAction(r);
  if (action) msg.action = action;
  if (!action && tickets.length && AMBASSADORS.includes(id) && r.chance(0.4)) msg.text = command(r.pick(tickets));
  else if (!action || r.chance(0.15)) msg.text = message(r);
  if (r.chance(0.05)) msg.isGroup = true;
  return msg;
}

const buttons = (x: Reply): Choice[] => [...(x.choices ?? []), ...(x.card?.actions ?? [])];

describe(`core fuzz: ${COUNT} generated turns (seed ${seed})`, () => {
  it('answers every turn with valid replies, never fails, leaves nothing unhandled', { timeout: 120_000 }, async () => {
    const watch = watchProcess();
    const problems: string[] = [];
    const lastChoices = new Map<string, Choice[]>();
    let replies = 0;
    const kinds = new Map<string, number>();
    const tickets = new Set<number>();
    let seen = 0;
    const started = performance.now();
    try {
      for (let i = 0; i < COUNT && problems.length < 20; i++) {
        const id = user();
        const input = nextInput(id, lastChoices.get(id), [...tickets]);
        let out: Reply[];
        try {
          out = await app.bot.handle(input);
        } catch (e) {
          problems.push(`#${i} threw ${(e as Error).message} on ${describeInput(input)}`);
          continue;
        }
        for (const p of replyListProblems(out)) problems.push(`#${i} ${p} — input ${describeInput(input)}`);
        if (!out.length) problems.push(`#${i} no reply at all — input ${describeInput(input)}`);
        replies += out.length;
        for (const x of out) kinds.set(x.text.slice(0, 50), (kinds.get(x.text.slice(0, 50)) ?? 0) + 1);
        lastChoices.set(id, out.flatMap(buttons));
        // Notices and answers sent meanwhile carry the buttons their recipients press next.
        for (const s of channel.sent.slice(seen)) {
          lastChoices.set(s.ref.conversationId, buttons(s.reply));
          if (s.reply.meta?.ticket) tickets.add(s.reply.meta.ticket);
        }
        seen = channel.sent.length;
        if (r.chance(0.02)) {
          clock.now += r.int(1, 200) * 60_000;
          await app.escalation.tick();
        }
      }
      await app.escalation.tick();
      for (const s of [...channel.sent, ...channel.updates]) for (const p of replyListProblems([s.reply])) problems.push(`proactive to ${s.ref.conversationId}: ${p}`);
    } finally {
      watch.stop();
    }
    const errors = logs.errors().map((l) => `${l.msg}: ${String(l.err ?? '')}`.slice(0, 300));
    const context = `seed ${seed} (replay: FUZZ_SEED=${seed} npx vitest run tests/robustness/core.fuzz.test.ts)`;
    expect(problems, context).toEqual([]);
    expect(errors, context).toEqual([]);
    expect(watch.problems, context).toEqual([]);
    // The run really went deep: tickets were opened and ambassadors were notified.
    expect(replies).toBeGreaterThan(COUNT);
    expect(channel.sent.length).toBeGreaterThan(0);
    if (process.env.FUZZ_REPORT) {
      const tickets = (await app.stores.tickets.listActive()).length;
      console.log(`core fuzz: ${COUNT} turns, ${replies} replies, ${channel.sent.length} proactive, ${tickets} active tickets, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      console.log([...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 400).map(([k, n]) => `${n}\t${k}`).join('\n'));
    }
  });
});
