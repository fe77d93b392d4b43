import type { PrivacyShield } from './shield.js';

/**
 * The privacy shield applied to whatever is about to be logged: every string, at any depth, is
 * redacted (« [NIR] », « [NOM] »…), errors included — their message, stack, cause and own
 * properties — so that user text caught in an exception or a field cannot reach a log raw.
 */

/** Keys whose values come from the configuration or the network stack, never from what a user typed. */
export const INFRASTRUCTURE_KEYS: ReadonlySet<string> = new Set(['host', 'remote', 'url', 'serviceUrl', 'homeserver', 'file', 'dir', 'module']);

const MAX_DEPTH = 8;
/** Longest string redacted as a whole; longer ones are cut (a log line is not a document). */
const MAX_STRING = 20_000;

export function shieldLogString(shield: PrivacyShield, s: string): string {
  const text = s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
  // Nothing personal fits in fewer than 3 characters; most log strings are short words ("turn", "teams").
  if (text.length < 3) return text;
  return shield.redact(text).redacted;
}

function shieldError(shield: PrivacyShield, e: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: e.name, message: shieldLogString(shield, e.message) };
  if (typeof e.stack === 'string') out.stack = shieldLogString(shield, e.stack);
  for (const [k, v] of Object.entries(e)) if (!(k in out)) out[k] = shieldLogValue(shield, v, depth + 1, seen, k);
  if (e.cause !== undefined) out.cause = shieldLogValue(shield, e.cause, depth + 1, seen);
  return out;
}

/** A copy of `value` with every string redacted (objects and arrays copied, errors made plain). */
export function shieldLogValue(shield: PrivacyShield, value: unknown, depth = 0, seen = new WeakSet<object>(), key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && INFRASTRUCTURE_KEYS.has(key) ? value : shieldLogString(shield, value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  try {
    if (value instanceof Error) return shieldError(shield, value, depth, seen);
    if (value instanceof Date) return value;
    if (Buffer.isBuffer(value)) return `[${value.length} octets]`;
    if (Array.isArray(value)) return value.map((v) => shieldLogValue(shield, v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shieldLogValue(shield, v, depth + 1, seen, k);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Redacts the arguments of a pino call (message, interpolation values, a leading error). */
export function shieldLogArgs(shield: PrivacyShield, args: unknown[]): unknown[] {
  const out = args.map((a) => (typeof a === 'string' ? shieldLogString(shield, a) : a));
  const first = out[0];
  // logger.error(err): pino would take err.message, unredacted, as the message.
  if (first instanceof Error) {
    out[0] = { err: first };
    if (typeof out[1] !== 'string') out.splice(1, 0, shieldLogString(shield, first.message));
  }
  return out;
}
