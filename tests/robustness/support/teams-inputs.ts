import type { Activity } from 'botbuilder';
import { PAYLOAD_KEY, REPLY_INPUT_ID } from '../../../adapters/teams/payload.js';
import { AMBASSADOR, BOT, cardSubmit, channelMessage, personalInstall, personalMessage, reaction, type TeamsUser } from '../../teams/support/activities.js';
import type { Prng } from './prng.js';
import { message, randomUnicode } from './strings.js';
import { deepJson, forgedAction, jsonObject, jsonValue, POLLUTION_KEYS, wideJson } from './payloads.js';

/**
 * Bodies POSTed to the real /api/messages: Teams-shaped activities with hostile text, forged card
 * submits and Action.Execute invokes, reactions and installs, activities with fields missing or of
 * the wrong type, unknown types, and raw bodies that are not an activity at all.
 */

export type TeamsInputKind = 'personal' | 'channel' | 'submit' | 'invoke' | 'reaction' | 'install' | 'malformed' | 'raw';

export interface TeamsInput {
  kind: TeamsInputKind;
  /** An object (sent as JSON) or a raw string body. */
  body: Record<string, unknown> | string;
  /** The personal conversation the bot must answer in (well-formed personal messages only). */
  expectsReplyIn?: string;
}

export const USERS: TeamsUser[] = [
  ...Array.from({ length: 8 }, (_, i) => ({ id: `29:1fuzz-agent-${i}`, name: `Agent ${i}`, aadObjectId: `f0000000-0000-4000-8000-00000000000${i}` })),
  AMBASSADOR,
  { id: '29:1fuzz-no-aad', name: '' },
  { id: '29:1fuzz-odd', name: '<b>\u202eNom\u0000</b>', aadObjectId: '__proto__' },
];

/** Buttons a user last saw (the data of the Action.Submit of the cards sent to them). */
export type SeenButtons = Map<string, Record<string, unknown>[]>;

const INVOKE_NAMES = ['adaptiveCard/action', 'composeExtension/query', 'task/fetch', 'signin/verifyState', 'config/fetch', 'fileConsent/invoke', 'actionableMessage/executeAction', 'application/search', '', 'x'];

function plain(a: Partial<Activity>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
}

function submitValue(r: Prng, seen: Record<string, unknown>[] | undefined): unknown {
  return r.weighted<unknown>([
    [5, () => (seen?.length ? { ...r.pick(seen), ...(r.chance(0.3) ? { [REPLY_INPUT_ID]: message(r) } : {}) } : { [PAYLOAD_KEY]: forgedAction(r) })],
    [3, () => ({ [PAYLOAD_KEY]: forgedAction(r) })],
    [2, () => ({ [PAYLOAD_KEY]: { say: message(r) } })],
    [2, () => ({ [PAYLOAD_KEY]: jsonValue(r, 3), [REPLY_INPUT_ID]: jsonValue(r, 1) })],
    [1, () => ({ [PAYLOAD_KEY]: { ...forgedAction(r), extra: jsonValue(r, 2) } })],
    [1, () => JSON.parse(`{"${PAYLOAD_KEY}": {"type": "feedback", "value": "up", "__proto__": {"isAdmin": true}}, "__proto__": {"polluted": 1}}`)],
    [1, () => ({ [PAYLOAD_KEY]: deepJson(r) })],
    [1, () => ({ [PAYLOAD_KEY]: { type: 'choice', value: 'x', data: wideJson(r) } })],
    [1, () => jsonValue(r, 2)],
    [1, () => jsonObject(r, 3)],
  ]);
}

/** A well-formed activity of `kind`, before any damage. */
function activity(r: Prng, url: string, user: TeamsUser, seen: SeenButtons, kind: TeamsInputKind): Partial<Activity> {
  switch (kind) {
    case 'channel':
      return channelMessage(url, user, message(r), r.chance(0.6));
    case 'submit':
      return cardSubmit(url, user, submitValue(r, seen.get(user.id)) as Record<string, unknown>, `activity-${r.int(1, 50)}`);
    case 'invoke': {
      const data = submitValue(r, seen.get(user.id));
      const value = r.chance(0.8) ? { action: { type: 'Action.Execute', verb: r.chance(0.5) ? forgedAction(r).type : randomUnicode(r, 10), data }, trigger: 'manual' } : jsonValue(r, 2);
      return { ...personalMessage(url, user, ''), type: 'invoke', name: r.pick(INVOKE_NAMES), value } as Partial<Activity>;
    }
    case 'reaction':
      return reaction(url, user, r.chance(0.7) ? `activity-${r.int(1, 3_000)}` : r.pick(['inconnu', '1:abc', 'activity-0', '__proto__', 'x'.repeat(900)]), r.pick(['like', 'heart', 'sad', 'angry', 'laugh', 'surprised', '', randomUnicode(r, 5)]));
    case 'install': {
      const a = personalInstall(url, user);
      if (r.chance(0.4)) a.membersAdded = r.pick([[], [{ id: BOT.id, name: '' }, { id: user.id, name: user.name }], [{ id: '', name: '' }]]) as Activity['membersAdded'];
      if (r.chance(0.2)) a.membersRemoved = [{ id: BOT.id, name: '' }];
      return a;
    }
    default:
      return personalMessage(url, user, message(r));
  }
}

const WRONG: (() => unknown)[] = [() => null, () => 42, () => 'texte', () => [], () => ({}), () => true, () => ({ id: 7 }), () => ({ id: '' })];
const FIELDS = ['from', 'conversation', 'recipient', 'serviceUrl', 'type', 'text', 'entities', 'channelData', 'attachments', 'value', 'timestamp', 'locale', 'channelId', 'id', 'replyToId', 'textFormat', 'membersAdded', 'reactionsAdded', 'name'];

/** The same activity with a few fields removed or replaced by values of the wrong type. */
function damaged(r: Prng, a: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (let i = r.int(1, 3); i > 0; i--) {
    const field = r.pick(FIELDS);
    if (r.chance(0.3)) delete out[field];
    else out[field] = r.chance(0.85) ? r.pick(WRONG)() : randomUnicode(r, 2_000);
  }
  if (r.chance(0.15)) out.entities = r.pick<unknown>([[{ type: 'mention' }], [{ type: 'mention', mentioned: null, text: 5 }], [{ type: 'Mention', mentioned: { id: 7 } }], [{ type: 'mention', mentioned: { id: BOT.id }, text: '(a+)+$' }], [{}], [null], 'mention']);
  if (r.chance(0.2)) out.type = r.pick(['somethingNew', 'typing', 'event', 'endOfConversation', 'MESSAGE', 'message ', 'installationUpdate', 'deleteUserData', 'messageUpdate', 'messageDelete']);
  if (r.chance(0.1)) for (const k of POLLUTION_KEYS.slice(0, 3)) Object.defineProperty(out, k, { value: jsonValue(r, 1), enumerable: true, configurable: true, writable: true });
  return out;
}

function rawBody(r: Prng): string {
  return r.pick<() => string>([
    () => '',
    () => 'null',
    () => '[]',
    () => '"message"',
    () => '{"type": "message",',
    () => '{"type":"message","text":"\\ud800"}',
    () => randomUnicode(r, 500),
    () => `{"type":"message","serviceUrl":"http://127.0.0.1:1/","conversation":{"id":"x"},"text":"${'a'.repeat(300 * 1024)}"}`,
    () => '{'.repeat(10_000),
    () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  ])();
}

export function teamsInput(r: Prng, url: string, seen: SeenButtons): TeamsInput {
  const kind = r.weighted<TeamsInputKind>([
    [40, () => 'personal'],
    [8, () => 'channel'],
    [17, () => 'submit'],
    [6, () => 'invoke'],
    [5, () => 'reaction'],
    [4, () => 'install'],
    [15, () => 'malformed'],
    [5, () => 'raw'],
  ]);
  if (kind === 'raw') return { kind, body: rawBody(r) };
  const user = r.pick(USERS);
  const base = plain(activity(r, url, user, seen, kind === 'malformed' ? r.pick(['personal', 'submit', 'channel', 'invoke'] as const) : kind));
  if (kind === 'malformed') return { kind, body: damaged(r, base) };
  const conversation = (base.conversation as { id: string }).id;
  return { kind, body: base, expectsReplyIn: kind === 'personal' ? conversation : undefined };
}
