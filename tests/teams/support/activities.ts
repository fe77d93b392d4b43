import type { Activity } from 'botbuilder';

/** Teams-shaped activities, as the Bot Connector POSTs them to /api/messages (fictitious ids). */

export const TENANT = '2f0e3c51-7a4b-4d7e-9b1e-5c3a9d0e7f11';
export const BOT = { id: '28:5e7c2f4a-1b3d-4c5e-8f9a-0b1c2d3e4f50', name: 'Charte IA' };

export interface TeamsUser {
  /** Channel account id ("29:…"). */
  id: string;
  name: string;
  aadObjectId?: string;
}

export const AGENT: TeamsUser = { id: '29:1agent-claire-xyz', name: 'Claire Martin', aadObjectId: 'c1a5e0b2-3d4f-4a6b-8c7d-9e0f1a2b3c4d' };
export const AMBASSADOR: TeamsUser = { id: '29:1ambassador-paul-xyz', name: 'Paul Bernard', aadObjectId: '6a1d1f3e-5b2c-4d3e-8f4a-1b2c3d4e5f60' };

export const personalConversation = (user: TeamsUser) => ({ conversationType: 'personal', tenantId: TENANT, id: `a:1personal-${user.id.slice(3)}` });
export const CHANNEL_ID = '19:2b6f3a1c9d8e4f70@thread.tacv2';
export const TEAM_ID = '19:team-ministere@thread.tacv2';

let seq = 1_732_790_000_000;
const nextId = () => String(++seq);

function common(serviceUrl: string, user: TeamsUser, conversation: Record<string, unknown>): Partial<Activity> {
  const now = new Date().toISOString();
  return {
    id: nextId(),
    timestamp: now as unknown as Date,
    localTimestamp: now as unknown as Date,
    serviceUrl,
    channelId: 'msteams',
    from: { ...user },
    conversation: conversation as unknown as Activity['conversation'],
    recipient: { ...BOT },
    locale: 'fr-FR',
    channelData: { tenant: { id: TENANT } },
  };
}

const clientInfo = { type: 'clientInfo', locale: 'fr-FR', country: 'FR', platform: 'Web', timezone: 'Europe/Paris' };

export function personalMessage(serviceUrl: string, user: TeamsUser, text: string): Partial<Activity> {
  return { ...common(serviceUrl, user, personalConversation(user)), type: 'message', textFormat: 'plain', text, entities: [clientInfo] };
}

/** A message in a team channel thread; `mention` adds the bot's @mention (entity and <at> text). */
export function channelMessage(serviceUrl: string, user: TeamsUser, text: string, mention = true, channelId = CHANNEL_ID): Partial<Activity> {
  const root = nextId();
  const conversation = { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${channelId};messageid=${root}` };
  const at = `<at>${BOT.name}</at>`;
  return {
    ...common(serviceUrl, user, conversation),
    type: 'message',
    textFormat: 'plain',
    text: mention ? `${at} ${text}` : text,
    entities: mention ? [{ type: 'mention', text: at, mentioned: { ...BOT } }, clientInfo] : [clientInfo],
    channelData: { teamsChannelId: channelId, teamsTeamId: TEAM_ID, channel: { id: channelId }, team: { id: TEAM_ID }, tenant: { id: TENANT } },
  };
}

/** What Teams sends when a user presses an Action.Submit: the data (plus inputs) in `value`, no text. */
export function cardSubmit(serviceUrl: string, user: TeamsUser, value: Record<string, unknown>, replyToId = 'activity-1'): Partial<Activity> {
  return { ...common(serviceUrl, user, personalConversation(user)), type: 'message', replyToId, value, entities: [clientInfo] };
}

/** The bot was installed in the user's personal scope. */
export function personalInstall(serviceUrl: string, user: TeamsUser): Partial<Activity> {
  return { ...common(serviceUrl, user, personalConversation(user)), type: 'conversationUpdate', membersAdded: [{ id: BOT.id, name: '' }] };
}

/** The bot was added to a team (arrives in the team's General channel). */
export function teamInstall(serviceUrl: string, user: TeamsUser): Partial<Activity> {
  const conversation = { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM_ID };
  return {
    ...common(serviceUrl, user, conversation),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id, name: '' }],
    channelData: { eventType: 'teamMemberAdded', team: { id: TEAM_ID, name: 'Ambassadeurs IA' }, tenant: { id: TENANT } },
  };
}

/** A picture pasted in the personal chat: attachments only, empty text. */
export function attachmentsOnly(serviceUrl: string, user: TeamsUser): Partial<Activity> {
  return {
    ...common(serviceUrl, user, personalConversation(user)),
    type: 'message',
    textFormat: 'plain',
    text: '',
    attachments: [
      { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/amer/v3/attachments/0-abc/views/original' },
      { contentType: 'text/html', content: '<div><div><span><img src="https://example.invalid/x.png" height="250" width="250"></span></div></div>' },
    ],
    entities: [clientInfo],
  };
}

export function reaction(serviceUrl: string, user: TeamsUser, replyToId: string, type: string): Partial<Activity> {
  return { ...common(serviceUrl, user, personalConversation(user)), type: 'messageReaction', replyToId, reactionsAdded: [{ type }] };
}
