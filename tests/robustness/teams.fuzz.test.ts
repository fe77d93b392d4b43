import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { MAX_BODY_BYTES } from '../../adapters/teams/config.js';
import { teamsRig, type TeamsRig } from '../teams/support/teams-app.js';
import { cardOf } from '../teams/support/cards.js';
import { captureLogs } from '../helpers/log-capture.js';
import { fuzzCount, fuzzSeed, Prng } from './support/prng.js';
import { teamsInput, type SeenButtons, type TeamsInputKind } from './support/teams-inputs.js';
import { describeInput, teamsActivityProblems } from './support/validate.js';
import { watchProcess } from './support/watch.js';

/**
 * The Teams channel's entry point, the real HTTP endpoint (local mode, loopback) with the real
 * core behind it and a fake Bot Connector recording what the bot sends. Every request gets a
 * deliberate status (never a 500, never a hang), every activity the bot sends is a valid Adaptive
 * Card message under Teams' size limit, and every well-formed personal message is answered.
 */

const COUNT = fuzzCount(3_000);
const seed = fuzzSeed('teams');
const logs = captureLogs('warn');
let rig: TeamsRig;

beforeAll(async () => {
  rig = await teamsRig({}, logs.logger);
});
afterAll(async () => rig?.close());

/** The data of every Action.Submit of a card (what pressing it would send back). */
function submits(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => submits(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit' && o.data && typeof o.data === 'object') out.push(o.data as Record<string, unknown>);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') submits(v, out);
  }
  return out;
}

const ALLOWED: Record<TeamsInputKind, number[]> = {
  personal: [200],
  channel: [200],
  submit: [200],
  install: [200],
  reaction: [200],
  // Invoke names the bot does not implement get botbuilder's 501; a malformed Action.Execute its 400.
  invoke: [200, 400, 501],
  malformed: [200, 400, 501],
  raw: [400, 413],
};

describe(`Teams endpoint fuzz: ${COUNT} generated requests (seed ${seed})`, () => {
  it('answers every request with a deliberate status and only valid activities', { timeout: 180_000 }, async () => {
    const r = new Prng(seed);
    const watch = watchProcess();
    const problems: string[] = [];
    const statuses = new Map<string, number>();
    const seen: SeenButtons = new Map();
    const timing = new Map<string, number>();
    let checked = 0;
    const started = performance.now();
    try {
      for (let i = 0; i < COUNT && problems.length < 20; i++) {
        const input = teamsInput(r, rig.connector.url, seen);
        const before = rig.connector.calls.length;
        let status: number;
        const t0 = performance.now();
        try {
          status = (await rig.post(input.body)).status;
          const size = typeof input.body === 'string' ? input.body.length : JSON.stringify(input.body).length;
          const k = `${input.kind}${size > 50_000 ? ' big' : ''}`;
          timing.set(k, (timing.get(k) ?? 0) + performance.now() - t0);
        } catch (e) {
          problems.push(`#${i} ${input.kind}: request failed (${(e as Error).message}) — ${describeInput(input.body)}`);
          continue;
        }
        statuses.set(`${input.kind} ${status}`, (statuses.get(`${input.kind} ${status}`) ?? 0) + 1);
        // Over 256 KB (a 100,000-character text of emoji or escaped controls): refused whole, 413.
        const oversized = Buffer.byteLength(typeof input.body === 'string' ? input.body : JSON.stringify(input.body)) > MAX_BODY_BYTES;
        if (!(oversized ? [413] : ALLOWED[input.kind]).includes(status)) problems.push(`#${i} ${input.kind}: status ${status} — ${describeInput(input.body)}`);
        const calls = rig.connector.calls.slice(before);
        for (const call of calls) {
          checked++;
          for (const p of teamsActivityProblems(call.body)) problems.push(`#${i} ${input.kind}: sent activity: ${p} — input ${describeInput(input.body)}`);
          const to = (call.body.recipient as { id?: string } | undefined)?.id;
          if (to) {
            try {
              seen.set(to, submits(cardOf(call.body)));
            } catch {
              // reported above
            }
          }
        }
        if (input.expectsReplyIn && !oversized && !calls.some((c) => c.conversationId === input.expectsReplyIn)) problems.push(`#${i}: no answer to a personal message — ${describeInput(input.body)}`);
        if (rig.connector.calls.length > 2_000) rig.connector.clear();
      }
    } finally {
      watch.stop();
    }
    const errors = logs.errors().map((l) => `${l.msg}: ${String(l.err ?? '')}`.slice(0, 300));
    const context = `seed ${seed} (replay: FUZZ_SEED=${seed} npx vitest run tests/robustness/teams.fuzz.test.ts)`;
    if (process.env.FUZZ_DEBUG) console.log([...new Set(logs.errors().map((l) => `${l.msg}: ${String(l.err)} ${String(l.stack ?? '').split('\n').slice(1, 4).join(' | ')}`))].join('\n'));
    expect(problems, context).toEqual([]);
    expect(errors, context).toEqual([]);
    expect(watch.problems, context).toEqual([]);
    expect(checked).toBeGreaterThan(COUNT / 3);
    if (process.env.FUZZ_REPORT) {
      console.log(`teams fuzz: ${COUNT} requests, ${checked} activities checked, ${((performance.now() - started) / 1000).toFixed(1)} s`);
      console.log([...timing.entries()].map(([k, v]) => `${k}: ${v.toFixed(0)} ms`).join('\n'));
      console.log([...statuses.entries()].sort().map(([k, n]) => `${n}\t${k}`).join('\n'));
    }
  });
});
