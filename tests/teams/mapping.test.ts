import { describe, it, expect, afterAll } from 'vitest';
import { TestAdapter, type Activity } from 'botbuilder';
import { TeamsAdapter } from '../../adapters/teams/teams-adapter.js';
import { loadTeamsConfig } from '../../adapters/teams/config.js';
import { GROUP_HINT } from '../../adapters/teams/handler.js';
import { silentLogger } from '../../src/logger.js';
import type { BotLike, IncomingMessage, Reply } from '../../src/types.js';
import { testApp } from '../helpers/test-bot.js';
import { AGENT, BOT, attachmentsOnly, cardSubmit, channelMessage, personalInstall, personalMessage, reaction, teamInstall } from './support/activities.js';
import { buttonData, cardOf, cardProblems, cardText } from './support/cards.js';

const SERVICE = 'http://127.0.0.1:9/';

/** A bot double that records what the core would receive. */
function recorder(reply: Reply = { text: 'Réponse de test du cœur.' }): BotLike & { seen: IncomingMessage[] } {
  const seen: IncomingMessage[] = [];
  return { seen, handle: async (m) => (seen.push(m), [reply]) };
}

function harness(bot: BotLike) {
  const teams = new TeamsAdapter({ config: loadTeamsConfig({ TEAMS_PORT: '0' }), logger: silentLogger() });
  const handler = teams.handler(bot);
  const adapter = new TestAdapter(async (context) => handler.run(context));
  return {
    teams,
    adapter,
    /** Processes one activity, returns what the bot sent back (cards), without invoke responses. */
    async run(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
      adapter.activeQueue.length = 0;
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
  };
}

const app = testApp();
afterAll(async () => app.close());

describe('Teams mapping: activities → the core', () => {
  it('maps a personal message with the AAD object id, name, text and conversation reference', async () => {
    const bot = recorder();
    const sent = await harness(bot).run(personalMessage(SERVICE, AGENT, '  Qu’est-ce que MIRAI ?  '));
    expect(bot.seen).toHaveLength(1);
    const m = bot.seen[0]!;
    expect(m).toMatchObject({ channel: 'teams', user: { id: AGENT.aadObjectId, name: 'Claire Martin' }, text: 'Qu’est-ce que MIRAI ?', isGroup: false });
    expect(m.conversationId).toMatch(/^a:1personal/);
    expect(m.ref).toMatchObject({ serviceUrl: SERVICE, channelId: 'msteams', conversation: { id: m.conversationId }, bot: { id: BOT.id }, user: { aadObjectId: AGENT.aadObjectId } });
    expect(m.action).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(cardProblems(cardOf(sent[0]!))).toEqual([]);
  });

  it('falls back to the channel account id when Teams gives no AAD object id', async () => {
    const bot = recorder();
    await harness(bot).run(personalMessage(SERVICE, { id: '29:1only-channel-id', name: 'Invité' }, 'aide'));
    expect(bot.seen[0]!.user.id).toBe('29:1only-channel-id');
  });

  it('answers in a channel only when mentioned, with the mention stripped', async () => {
    const bot = recorder();
    const h = harness(bot);
    expect(await h.run(channelMessage(SERVICE, AGENT, 'Quels outils d’IA faut-il privilégier ?', false))).toEqual([]);
    expect(bot.seen).toHaveLength(0);
    const sent = await h.run(channelMessage(SERVICE, AGENT, 'Quels outils d’IA faut-il privilégier ? <at>Jean Dupont</at> en copie'));
    expect(bot.seen).toHaveLength(1);
    expect(bot.seen[0]).toMatchObject({ text: 'Quels outils d’IA faut-il privilégier ? Jean Dupont en copie', isGroup: true });
    expect(bot.seen[0]!.conversationId).toMatch(/@thread\.tacv2;messageid=/);
    expect(sent).toHaveLength(1);
  });

  it('turns card submits into the core’s actions, with the typed reply, and "say" buttons into text', async () => {
    const bot = recorder();
    const h = harness(bot);
    await h.run(cardSubmit(SERVICE, AGENT, { charteIa: { type: 'ticket.reply', value: '12' }, charteIaText: 'Passez par MIRAI.' }));
    expect(bot.seen[0]).toMatchObject({ text: '', action: { type: 'ticket.reply', value: '12', data: { text: 'Passez par MIRAI.' } } });
    await h.run(cardSubmit(SERVICE, AGENT, { charteIa: { say: 'Qu’est-ce que MIRAI ?' } }));
    expect(bot.seen[1]).toMatchObject({ text: 'Qu’est-ce que MIRAI ?' });
    expect(bot.seen[1]!.action).toBeUndefined();
    // A channel card submit carries no mention but is for the bot.
    await h.run({ ...channelMessage(SERVICE, AGENT, '', false), text: undefined, value: { charteIa: { type: 'ticket.claim', value: '12' } } });
    expect(bot.seen[2]).toMatchObject({ isGroup: true, action: { type: 'ticket.claim', value: '12' } });
  });

  it('reduces a malformed payload to an empty message (the core answers it politely)', async () => {
    const bot = recorder();
    const h = harness(bot);
    await h.run(cardSubmit(SERVICE, AGENT, { charteIa: { type: 'ticket.claim', value: { $gt: 1 } } }));
    await h.run(cardSubmit(SERVICE, AGENT, { charteIa: { type: '<script>', value: '1' } }));
    expect(bot.seen.map((m) => [m.text, m.action])).toEqual([
      ['', undefined],
      ['', undefined],
    ]);
  });

  it('maps Action.Execute (adaptiveCard/action) verbs and answers the invoke with 200', async () => {
    const bot = recorder();
    const h = harness(bot);
    const invoke = {
      ...personalMessage(SERVICE, AGENT, ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'ticket.close', data: { value: '4', faq: true } }, trigger: 'manual' },
    };
    const out = await h.run(invoke);
    expect(bot.seen[0]).toMatchObject({ action: { type: 'ticket.close', value: '4', data: { faq: true } } });
    const response = out.find((a) => a.type === 'invokeResponse');
    expect(response?.value).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message' } });
    expect(out.filter((a) => a.type === 'message')).toHaveLength(1);
  });
});

describe('Teams mapping with the real core', () => {
  it('welcomes a personal install with the core’s greeting and examples', async () => {
    const sent = await harness(app.bot).run(personalInstall(SERVICE, AGENT));
    expect(sent).toHaveLength(1);
    const card = cardOf(sent[0]!);
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Bonjour Claire !/);
    expect(cardText(card)).toMatch(/charte des usages éthiques/);
    expect(buttonData(card, /MIRAI/)).toBeDefined();
    expect(await app.stores.refs.get('teams', AGENT.aadObjectId!)).toMatchObject({ conversationId: expect.stringMatching(/^a:1personal/) });
  });

  it('welcomes a team with the greeting and the @mention hint, and ignores other members joining', async () => {
    const h = harness(app.bot);
    const sent = await h.run(teamInstall(SERVICE, AGENT));
    expect(sent).toHaveLength(1);
    expect(cardText(cardOf(sent[0]!))).toContain(GROUP_HINT);
    expect(await h.run({ ...teamInstall(SERVICE, AGENT), membersAdded: [{ id: '29:1new-colleague', name: 'X' }] })).toEqual([]);
  });

  it('answers an attachments-only message politely through the core', async () => {
    const sent = await harness(app.bot).run(attachmentsOnly(SERVICE, AGENT));
    expect(cardText(cardOf(sent[0]!))).toMatch(/aucun texte/);
  });

  it('records a 👍 reaction on an answer as feedback on that answer', async () => {
    const h = harness(app.bot);
    const sent = await h.run(personalMessage(SERVICE, AGENT, 'Qu’est-ce que MIRAI ?'));
    const answer = sent.find((a) => buttonData(cardOf(a), /👍/))!;
    const entryId = (buttonData(cardOf(answer), /👍/)!.charteIa as { data: { entryId: string } }).data.entryId;
    const before = (await app.stores.feedback.summary()).find((s) => s.subject === entryId)?.up ?? 0;
    const thanks = await h.run(reaction(SERVICE, AGENT, answer.id!, 'like'));
    expect(cardText(cardOf(thanks[0]!))).toMatch(/Merci pour votre retour/);
    expect((await app.stores.feedback.summary()).find((s) => s.subject === entryId)?.up).toBe(before + 1);
    expect(await h.run(reaction(SERVICE, AGENT, 'unknown-message', 'like'))).toEqual([]);
    expect(await h.run(reaction(SERVICE, AGENT, answer.id!, 'laugh'))).toEqual([]);
  });
});
