import type { MatrixClient } from 'matrix-bot-sdk';
import type { Logger } from 'pino';
import type { ActionPayload, BotLike, Reply } from '../../src/types.js';
import { resolveChoice } from '../../src/choices.js';
import { matchCommand } from '../../src/commands.js';
import { parseAmbassadorCommand } from '../../src/escalation/commands.js';
import type { AccessPolicy } from './access.js';
import type { MatrixState } from './state.js';
import type { RoomInfo } from './rooms.js';
import { commandWord, mentionsBot, parseEnvelope, parseMessage, parseReaction, stripMention, type BotIdentity, type Envelope } from './events.js';
import { describeFailure, patiently, Sleeper } from './errors.js';
import { decryptionFailedNotice, DECRYPTION_FAILED_NOTICE, encryptedRoomNotice, ENCRYPTED_ROOM_NOTICE } from './encryption.js';

/**
 * Incoming events → the core. Events are accepted in sync order (recorded as pending, by id only)
 * and handled one at a time per room in the background, so the rate-limited answers of one room
 * never hold up the sync loop or the other rooms. Every failure is logged; none escapes.
 */

export interface ReplyTarget {
  roomId: string;
  userId: string;
  name: string;
  dm: boolean;
  /** The event answered (group rooms reply to it). */
  inReplyTo?: string;
  /** The incoming event this turn handles (names its answers' transactions). */
  answering?: string;
}

export interface InboundDeps {
  client: MatrixClient;
  bot: BotLike;
  state: MatrixState;
  rooms: RoomInfo;
  access: AccessPolicy;
  identity: BotIdentity;
  logger: Logger;
  /** Events sent before this instant (epoch ms) are history, never answered. */
  cutoff: number;
  /** True when matrix-bot-sdk decrypts events (native crypto + MATRIX_ENCRYPTION=true). */
  encryptionActive: boolean;
  /** Whether an event id is one of the bot's own messages (replies to them address the bot). */
  isBotMessage(eventId: string): boolean;
  reply(target: ReplyTarget, replies: Reply[]): Promise<void>;
  /** Posts a notice in a room once (remembered across restarts). */
  noticeOnce(kind: string, roomId: string, reply: Reply): Promise<void>;
}

const NON_TEXT = new Set(['m.image', 'm.file', 'm.audio', 'm.video', 'm.location']);

const UNKNOWN_COMMAND: Reply = {
  text: 'Je ne connais pas cette commande. Écrivez « !aide » pour voir ce que je sais faire, ou mentionnez-moi suivi de votre question.',
  meta: { escalate: false },
};

const TEXT_ONLY: Reply = {
  text: 'Je ne lis que les messages écrits : posez-moi votre question en quelques mots (sans pièce jointe ni image).',
  meta: { escalate: false },
};

/** Drops the quoted fallback some clients put at the top of a reply's body. */
function withoutReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const end = body.indexOf('\n\n');
  return end < 0 ? body : body.slice(end + 2);
}

function isKnownCommand(text: string): boolean {
  return matchCommand(text) !== undefined || parseAmbassadorCommand(text) !== undefined;
}

/** How long an invitation keeps being accepted (or declined) through rate limits and outages. */
const MEMBERSHIP_PATIENCE_MS = 5 * 60_000;

export class Inbound {
  private readonly lanes = new Map<string, Promise<void>>();
  private readonly sleeper = new Sleeper();
  private stopped = false;

  constructor(private readonly d: InboundDeps) {}

  /** Ends every wait (a join being retried gives up at once). */
  stop(): void {
    this.stopped = true;
    this.sleeper.wakeAll();
  }

  /** Called by the sync loop for every room event (awaited: keep it short). */
  async accept(kind: string, roomId: string, raw: Record<string, unknown>): Promise<void> {
    if (kind === 'room.failed_decryption') {
      this.d.logger.warn({ room: roomId }, 'matrix event could not be decrypted');
      return this.inLane(roomId, () => this.d.noticeOnce(DECRYPTION_FAILED_NOTICE, roomId, decryptionFailedNotice()));
    }
    if (kind === 'room.invite') return this.inLane(roomId, () => this.invite(roomId, raw));
    if (kind === 'room.join') return this.inLane(roomId, () => this.checkEncryption(roomId));
    if (kind === 'room.leave') return this.d.rooms.forget(roomId);
    if (kind !== 'room.event') return;
    const env = parseEnvelope(raw);
    if (!env) {
      this.d.logger.debug({ room: roomId }, 'malformed matrix event ignored');
      return;
    }
    if (env.type === 'm.room.member') return this.d.rooms.onMember(roomId, env.state_key, env.content);
    if (env.sender === this.d.identity.userId) return;
    if (env.type === 'm.room.encryption' || (env.type === 'm.room.encrypted' && !this.d.encryptionActive)) {
      this.d.rooms.markEncrypted(roomId);
      return this.inLane(roomId, () => this.checkEncryption(roomId));
    }
    if (env.type !== 'm.room.message' && env.type !== 'm.reaction') return;
    if (env.origin_server_ts < this.d.cutoff) return;
    if ((await this.d.state.processedAt(env.event_id)) !== undefined) return;
    // Already accepted (a batch synced again after a crash or a take-over, while it is being recovered).
    if (this.d.state.isPending(env.event_id)) return;
    if (!this.d.access.allows(env.sender)) {
      this.d.logger.info({ room: roomId, server: env.sender.split(':')[1] }, 'matrix message from a user outside the allowed domains ignored');
      return;
    }
    await this.d.state.addPending(roomId, env.event_id);
    return this.inLane(roomId, () => this.process(roomId, env));
  }

  /** Re-handles events a previous run accepted but did not answer (fetched again by id). */
  async recover(pending: Map<string, string>): Promise<void> {
    for (const [eventId, roomId] of pending) {
      try {
        const env = parseEnvelope(await this.d.client.getEvent(roomId, eventId));
        if (!env || (await this.d.state.processedAt(eventId)) !== undefined) {
          await this.d.state.markProcessed(eventId, env?.origin_server_ts ?? 0);
          continue;
        }
        this.d.logger.info({ room: roomId }, 'matrix event from a previous run handled now');
        void this.inLane(roomId, () => this.process(roomId, env));
      } catch (e) {
        this.d.logger.warn({ room: roomId, err: (e as Error).message }, 'matrix pending event could not be fetched: dropped');
        await this.d.state.markProcessed(eventId, 0);
      }
    }
  }

  /** Resolves when every queued event has been handled. */
  async idle(): Promise<void> {
    while (this.lanes.size) await Promise.all([...this.lanes.values()]);
  }

  private inLane(roomId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.lanes.get(roomId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((e: Error) => this.d.logger.error({ room: roomId, err: e.message }, 'matrix event handling failed'))
      .finally(() => {
        if (this.lanes.get(roomId) === next) this.lanes.delete(roomId);
      });
    this.lanes.set(roomId, next);
    return Promise.resolve();
  }

  /** Invitations are accepted only from allowed users; others are declined (the bot leaves). */
  private async invite(roomId: string, raw: Record<string, unknown>): Promise<void> {
    const inviter = typeof raw.sender === 'string' ? raw.sender : undefined;
    if (!this.d.access.allows(inviter)) {
      this.d.logger.warn({ room: roomId, server: inviter?.split(':')[1] ?? 'unknown' }, 'matrix invitation from outside the allowed domains declined');
      await this.patiently(roomId, () => this.d.client.leaveRoom(roomId)).catch((e: Error) => this.d.logger.warn({ room: roomId, err: describeFailure(e).message }, 'matrix decline failed'));
      return;
    }
    try {
      await this.patiently(roomId, () => this.d.client.joinRoom(roomId));
      this.d.logger.info({ room: roomId }, 'matrix invitation accepted');
    } catch (e) {
      this.d.logger.warn({ room: roomId, err: (e as Error).message }, 'matrix invitation could not be accepted');
      return;
    }
    await this.checkEncryption(roomId);
  }

  /**
   * Synapse counts joins and leaves against the sender's message rate: after a burst of answers
   * they get a 429. Waited out (and outages too), or the invitation would never be answered.
   */
  private patiently<T>(roomId: string, work: () => Promise<T>): Promise<T> {
    return patiently(work, {
      sleeper: this.sleeper,
      maxMs: MEMBERSHIP_PATIENCE_MS,
      stopped: () => this.stopped,
      onRetry: (f, delayMs) => this.d.logger.info({ room: roomId, kind: f.kind, delayMs }, 'matrix invitation: membership change retried'),
    });
  }

  private async checkEncryption(roomId: string): Promise<void> {
    if (this.d.encryptionActive || !(await this.d.rooms.isEncrypted(roomId))) return;
    this.d.logger.warn({ room: roomId }, 'matrix room is end-to-end encrypted and this bot runs without encryption: notice posted, messages unreadable');
    await this.d.noticeOnce(ENCRYPTED_ROOM_NOTICE, roomId, encryptedRoomNotice());
  }

  private async process(roomId: string, env: Envelope): Promise<void> {
    // Recovered and synced again: the first one to reach the lane answers, the other one stops here.
    if ((await this.d.state.processedAt(env.event_id)) !== undefined) return;
    try {
      if (env.type === 'm.reaction') await this.reaction(roomId, env);
      else await this.message(roomId, env);
    } finally {
      await this.d.state.markProcessed(env.event_id, env.origin_server_ts);
    }
  }

  private async message(roomId: string, env: Envelope): Promise<void> {
    const m = parseMessage(env.content);
    if (!m || m.msgtype === 'm.notice') return;
    if (m.replaces) {
      const original = await this.d.state.processedAt(m.replaces);
      if (original === undefined || original < this.d.cutoff) return;
    }
    const dm = await this.d.rooms.isDirect(roomId);
    if (NON_TEXT.has(m.msgtype)) {
      if (dm) await this.d.reply(await this.target(roomId, env, dm), [TEXT_ONLY]);
      return;
    }
    if (m.msgtype !== 'm.text' && m.msgtype !== 'm.emote') return;
    let text = m.replyTo ? withoutReplyFallback(m.body) : m.body;
    const choices = await this.d.state.choices(roomId, env.sender);
    if (!dm) {
      const mentioned = mentionsBot(m, this.d.identity);
      const addressed =
        mentioned || text.trim().startsWith('!') || (m.replyTo !== undefined && this.d.isBotMessage(m.replyTo)) || resolveChoice(text, choices) !== undefined;
      if (!addressed) return;
      if (mentioned) text = stripMention(text, this.d.identity);
    } else {
      await this.d.state.setDmRoom(env.sender, roomId);
    }
    void this.d.client.sendReadReceipt(roomId, env.event_id).catch(() => undefined);
    const target = await this.target(roomId, env, dm);
    if (commandWord(text) !== undefined && !isKnownCommand(text)) {
      await this.d.reply(target, [UNKNOWN_COMMAND]);
      return;
    }
    const picked = resolveChoice(text, choices);
    await this.turn(target, picked?.text ?? text, picked?.action);
  }

  private async reaction(roomId: string, env: Envelope): Promise<void> {
    const r = parseReaction(env.content);
    if (!r?.vote) return;
    const feedback = await this.d.state.feedbackFor(r.target);
    const action = feedback?.[r.vote];
    if (!action || feedback.roomId !== roomId) return;
    const dm = await this.d.rooms.isDirect(roomId);
    const target = { ...(await this.target(roomId, env, dm)), inReplyTo: r.target };
    await this.turn(target, '', action);
  }

  private async target(roomId: string, env: Envelope, dm: boolean): Promise<ReplyTarget> {
    return { roomId, userId: env.sender, name: await this.d.rooms.displayName(roomId, env.sender), dm, inReplyTo: env.event_id, answering: env.event_id };
  }

  private async turn(target: ReplyTarget, text: string, action: ActionPayload | undefined): Promise<void> {
    const replies = await this.d.bot.handle({
      channel: 'matrix',
      conversationId: target.dm ? target.roomId : `${target.roomId}|${target.userId}`,
      user: { id: target.userId, name: target.name },
      text,
      action,
      isGroup: !target.dm,
      ref: { roomId: target.roomId, dm: target.dm },
    });
    if (replies.length) await this.d.reply(target, replies);
  }
}
