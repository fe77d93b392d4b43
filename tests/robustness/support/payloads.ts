import type { ActionPayload, Choice } from '../../../src/types.js';
import type { Prng } from './prng.js';
import { fragment, randomUnicode } from './strings.js';

/**
 * Forged button payloads: action types the bot knows and ones it does not, values of the wrong
 * shape, prototype-pollution keys, deep and huge JSON, and real buttons of the last reply mutated.
 */

export const ACTION_TYPES = [
  'choice',
  'escalate',
  'feedback',
  'kb.show',
  'escalation.confirm',
  'escalation.unit',
  'erase.confirm',
  'ticket.claim',
  'ticket.reply',
  'ticket.close',
  'ticket.rate',
  'ticket.attach',
];

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isAdmin'];

const VALUES = ['send', 'edit', 'unit', 'cancel', 'previous', 'yes', 'no', 'up', 'down', 'national', 'inconnu', '1', '2', '0', '-1', '999999999', '1e3', ' 1', '01', ''];

function scalar(r: Prng): string | number | boolean {
  return r.weighted<string | number | boolean>([
    [4, () => r.pick(VALUES)],
    [3, () => fragment(r)],
    [2, () => r.pick([0, 1, -1, 2 ** 53, -0, 1e308, 3.14, r.int(1, 10)])],
    [1, () => r.chance(0.5)],
  ]);
}

/** An ActionPayload as the core's contract types it, with hostile contents. */
export function forgedAction(r: Prng): ActionPayload {
  const action: ActionPayload = { type: r.chance(0.85) ? r.pick(ACTION_TYPES) : r.pick(['ticket.', 'ticket.delete', 'admin', 'x', 'kb.show.all', 'Choice', randomUnicode(r, 8) || 'z']) };
  if (r.chance(0.85)) action.value = String(scalar(r));
  if (r.chance(0.5)) {
    const data: Record<string, string | number | boolean> = {};
    for (let i = r.int(0, 4); i > 0; i--) data[r.chance(0.3) ? r.pick(POLLUTION_KEYS) : r.pick(['trigger', 'entryId', 'topic', 'rule', 'rating', 'faq', 'text', 'unit', randomUnicode(r, 6)])] = scalar(r);
    action.data = data;
  }
  return action;
}

/** A button of the previous reply, pressed as is or tampered with. */
export function pressed(r: Prng, choices: Choice[]): ActionPayload {
  const choice = r.pick(choices);
  const base: ActionPayload = choice.action ? { ...choice.action, data: choice.action.data ? { ...choice.action.data } : undefined } : { type: 'choice', value: choice.value };
  if (!base.data) delete base.data;
  if (r.chance(0.6)) return base;
  const tampered = forgedAction(r);
  return r.weighted<ActionPayload>([
    [3, () => ({ ...base, value: tampered.value })],
    [2, () => ({ ...base, data: tampered.data ?? { [r.pick(POLLUTION_KEYS)]: 'x' } })],
    [1, () => ({ ...tampered, type: base.type })],
  ]);
}

/** Any JSON value, nested up to `depth`, sometimes large. */
export function jsonValue(r: Prng, depth = 3): unknown {
  if (depth <= 0) return scalar(r);
  return r.weighted<unknown>([
    [4, () => scalar(r)],
    [1, () => null],
    [2, () => Array.from({ length: r.int(0, 5) }, () => jsonValue(r, depth - 1))],
    [3, () => jsonObject(r, depth - 1)],
  ]);
}

export function jsonObject(r: Prng, depth = 2): Record<string, unknown> {
  // JSON.parse-like: `__proto__` becomes an own property, never the prototype.
  const o: Record<string, unknown> = {};
  for (let i = r.int(0, 5); i > 0; i--) Object.defineProperty(o, r.chance(0.25) ? r.pick(POLLUTION_KEYS) : randomUnicode(r, 10) || 'k', { value: jsonValue(r, depth), enumerable: true, configurable: true, writable: true });
  return o;
}

/** A deeply nested object (a stack-depth bomb when walked recursively). */
export function deepJson(r: Prng): unknown {
  const depth = r.int(200, 1_500);
  let v: unknown = 'fond';
  for (let i = 0; i < depth; i++) v = r.chance(0.5) ? [v] : { a: v };
  return v;
}

/** A wide object with many keys (kept under the endpoint's 256 KB). */
export function wideJson(r: Prng): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = r.int(1_000, 8_000); i > 0; i--) o[`k${i}`] = i;
  return o;
}
