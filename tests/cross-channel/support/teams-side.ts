import type { Activity } from 'botbuilder';
import type { App } from '../../../src/app.js';
import { startTeams, type TeamsAdapter } from '../../../adapters/teams/index.js';
import { FakeConnector, type ConnectorCall } from '../../teams/support/fake-connector.js';
import { cardSubmit, personalConversation, personalMessage, type TeamsUser } from '../../teams/support/activities.js';
import { buttonData, cardOf, cardText } from '../../teams/support/cards.js';

/**
 * The Teams half of a cross-channel world: the real Teams adapter (local mode, port 0 on 127.0.0.1)
 * started on an existing app and registered in its router, the fake Bot Connector of the Teams
 * harness, and the few gestures a Teams user makes (type a message, press a card button).
 */

/** All visible text of a message the bot sent (its Adaptive Card). */
export const textOf = (call: ConnectorCall): string => cardText(cardOf(call.body));

export class TeamsSide {
  private constructor(
    readonly adapter: TeamsAdapter,
    readonly connector: FakeConnector,
    readonly endpoint: string,
  ) {}

  /** The gestures on a Teams adapter something else started (the launcher, in the end-to-end suites). */
  static of(adapter: TeamsAdapter, connector: FakeConnector): TeamsSide {
    return new TeamsSide(adapter, connector, `http://127.0.0.1:${adapter.address()!.port}/api/messages`);
  }

  static async start(app: App): Promise<TeamsSide> {
    const connector = new FakeConnector();
    await connector.start();
    const adapter = (await startTeams(app, { TEAMS_PORT: '0', TEAMS_HOST: '127.0.0.1' })) as TeamsAdapter | undefined;
    if (!adapter) throw new Error('Teams adapter not started');
    // As the launcher does: the adapter receives proactive messages (notices, answers).
    app.router.register(adapter);
    return TeamsSide.of(adapter, connector);
  }

  /** POSTs an activity to /api/messages, as the Bot Connector does; returns the HTTP status. */
  async post(activity: Partial<Activity>): Promise<number> {
    const res = await fetch(this.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    return res.status;
  }

  /** The user types a message in their personal chat with the bot. */
  say(user: TeamsUser, text: string): Promise<number> {
    return this.post(personalMessage(this.connector.url, user, text));
  }

  /** The user presses the button `title` of a card the bot sent, with optional input values. */
  async press(user: TeamsUser, call: ConnectorCall, title: RegExp, extra: Record<string, unknown> = {}): Promise<number> {
    const data = buttonData(cardOf(call.body), title);
    if (!data) throw new Error(`no button ${title} in: ${textOf(call)}`);
    return this.post(cardSubmit(this.connector.url, user, { ...data, ...extra }, call.id));
  }

  /** Messages the bot posted in a user's personal chat, oldest first. */
  chat(user: TeamsUser): ConnectorCall[] {
    return this.connector.posted(personalConversation(user).id);
  }

  last(user: TeamsUser): ConnectorCall {
    const call = this.chat(user).at(-1);
    if (!call) throw new Error(`the bot posted nothing to ${user.name}`);
    return call;
  }

  /** An agent's hand-off in their personal chat: ask for a human, the question, the unit, « Envoyer ». */
  async openTicket(agent: TeamsUser, question: string, unit: RegExp): Promise<number> {
    await this.say(agent, 'Je veux parler à un humain');
    await this.say(agent, question);
    // The unit is asked once per agent, then remembered.
    if (/de quelle structure/.test(textOf(this.last(agent)))) await this.press(agent, this.last(agent), unit);
    if (!/Voici ce qui sera transmis/.test(textOf(this.last(agent)))) throw new Error(`no confirmation: ${textOf(this.last(agent))}`);
    await this.press(agent, this.last(agent), /^Envoyer$/);
    const m = /#(\d+)/.exec(textOf(this.last(agent)));
    if (!m) throw new Error(`no ticket: ${textOf(this.last(agent))}`);
    return Number(m[1]);
  }

  async close(): Promise<void> {
    await this.adapter.stop();
    await this.connector.stop();
  }
}
