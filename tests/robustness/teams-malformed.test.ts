import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { teamsRig, type TeamsRig } from '../teams/support/teams-app.js';
import { AGENT, personalConversation, personalMessage } from '../teams/support/activities.js';
import { captureLogs } from '../helpers/log-capture.js';
import { cleanText } from '../../adapters/teams/mapping.js';

/**
 * Found by the Teams fuzz: activities with a field of the wrong type used to fail inside
 * botbuilder (500, an error log), some only when the reply was serialised, after the core had
 * acted on the message. They are now refused with 400 before the turn.
 */

const logs = captureLogs('warn');
let rig: TeamsRig;
beforeAll(async () => {
  rig = await teamsRig({}, logs.logger);
});
afterAll(async () => rig.close());

const message = () => personalMessage(rig.connector.url, AGENT, 'Puis-je utiliser ChatGPT pour résumer un courrier ?') as Record<string, unknown>;
const invoke = (name: string, value: unknown) => ({ ...message(), type: 'invoke', name, value, text: undefined });

describe('Teams endpoint: activities of the wrong shape', () => {
  const cases: [string, () => Record<string, unknown>][] = [
    ['an object as the activity id', () => ({ ...message(), id: { id: '' } })],
    ['a boolean as the activity id', () => ({ ...message(), id: true })],
    ['an object as the channel id', () => ({ ...message(), channelId: {} })],
    ['a number as the locale', () => ({ ...message(), locale: 42 })],
    ['a number as the recipient id', () => ({ ...message(), recipient: { id: 7 } })],
    ['a number as the sender id', () => ({ ...message(), from: { id: 7 } })],
    ['an entity without a type', () => ({ ...message(), entities: [{ text: '<at>Charte IA</at>' }] })],
    ['a mention entity without whom it mentions', () => ({ ...message(), entities: [{ type: 'mention', text: '<at>Charte IA</at>' }] })],
    ['a lone surrogate in the reply-to id', () => ({ ...message(), replyToId: 'activity-\ud800' })],
    ['an Action.Execute invoke without its action', () => invoke('adaptiveCard/action', { trigger: 'manual' })],
    ['a search invoke with a number as value', () => invoke('application/search', 8)],
    ['a file consent invoke without value', () => invoke('fileConsent/invoke', undefined)],
  ];

  it.each(cases)('refuses %s with 400, before the core sees it', async (_name, body) => {
    const before = logs.lines.length;
    const activity = body();
    const res = await rig.post(activity);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'malformed activity' });
    expect(rig.connector.calls).toEqual([]);
    expect(await rig.app.stores.conversations.get(`teams:${personalConversation(AGENT).id}`)).toBeUndefined();
    const added = logs.lines.slice(before);
    expect(added.filter((l) => l.level >= 50)).toEqual([]);
    expect(added.find((l) => l.msg === 'teams: malformed activity refused')).toMatchObject({ level: 40, problems: expect.any(Array) });
  });

  it('still answers a Teams activity carrying fields it does not know', async () => {
    const res = await rig.post({ ...message(), somethingNew: { nested: [1, 2] }, channelData: { tenant: { id: 't' }, extra: true } } as Record<string, unknown>);
    expect(res.status).toBe(200);
    expect(rig.connector.posted(personalConversation(AGENT).id)).toHaveLength(1);
    // The key the refusals above were checked against is where a turn keeps its state.
    expect(await rig.app.stores.conversations.get(`teams:${personalConversation(AGENT).id}`)).toBeDefined();
  });

  it('reads a message of 250,000 spaces in linear time (the line-end cleanup was quadratic: seconds of a blocked event loop)', () => {
    const activity = personalMessage('http://127.0.0.1:1/', AGENT, `${' '.repeat(250_000)}x\n${'\t '.repeat(1_000)}\ny`);
    const started = performance.now();
    expect(cleanText(activity)).toBe('x\n\ny');
    // Generous: the quadratic version took tens of seconds on this input.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
