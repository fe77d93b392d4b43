import { z } from 'zod';
import type { ConversationRef } from '../types.js';
import type { ConversationRefStore } from '../store/escalation-types.js';
import { CONSOLE_LIKE_CHANNELS } from '../escalation/directory.js';

/**
 * DTNUM knowledge admins (`KB_ADMINS`): who may list, edit and publish FAQ drafts from chat, and who
 * is told when a knowledge reload is refused. A comma-separated list of `channel:userId`, e.g.
 * `teams:29:1abc…,matrix:@dtnum:agent.tchap.gouv.fr,console:dtnum`. The user id is everything after
 * the first colon (Teams and Matrix ids contain colons themselves).
 */

export const ADMIN_CHANNELS = ['teams', 'matrix', 'console'] as const;
export type AdminChannel = (typeof ADMIN_CHANNELS)[number];

export interface KbAdmin {
  channel: AdminChannel;
  userId: string;
}

const MATRIX_ID = /^@[^:\s]+:[^\s]+$/;

function parseAdmin(item: string): KbAdmin | string {
  const at = item.indexOf(':');
  if (at <= 0 || at === item.length - 1) return `"${item}" is not channel:userId (e.g. teams:29:1abc or matrix:@dtnum:agent.tchap.gouv.fr)`;
  const channel = item.slice(0, at).toLowerCase();
  const userId = item.slice(at + 1);
  if (!(ADMIN_CHANNELS as readonly string[]).includes(channel)) return `"${item}": unknown channel "${channel}" (expected ${ADMIN_CHANNELS.join(', ')})`;
  if (channel === 'matrix' && !MATRIX_ID.test(userId)) return `"${item}": a Matrix id looks like @name:server`;
  if (/\s/.test(userId)) return `"${item}": a user id has no spaces`;
  return { channel: channel as AdminChannel, userId };
}

/** The zod field for KB_ADMINS: every bad item is named in the error. */
export function kbAdminsField() {
  return z.string().transform((raw, ctx) => {
    const admins: KbAdmin[] = [];
    for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      const a = parseAdmin(item);
      if (typeof a === 'string') ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a comma-separated list of channel:userId; ${a}` });
      else if (!admins.some((b) => b.channel === a.channel && b.userId === a.userId)) admins.push(a);
    }
    return admins;
  });
}

/** Admin membership and where to reach each admin for proactive messages. */
export class KbAdmins {
  constructor(readonly list: readonly KbAdmin[]) {}

  /** Console, transcript and CLI users are matched against the `console:` identities. */
  isAdmin(channel: string, userId: string): boolean {
    const on = CONSOLE_LIKE_CHANNELS.includes(channel) ? 'console' : channel;
    return this.list.some((a) => a.channel === on && a.userId === userId);
  }

  /**
   * Conversations where the admins can be reached: the last one each was seen in (Teams needs a
   * conversation the admin opened with the bot), or directly on the text channels `available` has.
   */
  async refs(store: ConversationRefStore, available: (channel: string) => boolean): Promise<ConversationRef[]> {
    const refs: ConversationRef[] = [];
    for (const a of this.list) {
      if (a.channel === 'console') {
        const channel = CONSOLE_LIKE_CHANNELS.find((c) => available(c));
        if (channel) refs.push({ channel, conversationId: a.userId, userId: a.userId });
        continue;
      }
      const saved = await store.get(a.channel, a.userId);
      if (saved && available(saved.channel)) refs.push(saved);
    }
    return refs;
  }
}
