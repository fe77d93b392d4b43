import type { Logger } from 'pino';
import type { ConversationRef, Reply } from '../types.js';
import { DeliveryError } from '../types.js';
import { clip } from '../text.js';
import type { Outbox } from '../channels.js';
import type { Stores, Ticket, TicketAgent, TicketTrigger } from '../store/escalation-types.js';
import { CONSOLE_LIKE_CHANNELS, type Ambassador, type Directory, type Scope } from './directory.js';
import { readUnit, resolveUnit, routeUnit, UNKNOWN_UNIT, type UnitRef, type UnitRoute } from './units.js';
import { parisDay } from '../reports/days.js';
import {
  agentFollowUp,
  ambassadorAnswer,
  claimedNotice,
  frenchDateTime,
  notDelivered,
  ratingRequest,
  ticketNotice,
  transferredNotice,
} from './notices.js';

/**
 * The escalation lifecycle: open → notify the scope's ambassadors → claim (one winner) → reply
 * relayed to the agent's conversation → follow-ups → close (optionally as a FAQ draft) → rating.
 * Unclaimed tickets get a reminder, then go to the national pool. Every text is redacted upstream.
 */

export interface EscalationConfig {
  reminderMs: number;
  handoverMs: number;
  retentionMs: number;
  /** Longest ambassador reply relayed (characters). */
  maxReplyChars: number;
}

export interface EscalationDeps {
  stores: Stores;
  directory: () => Directory;
  outbox: Outbox;
  now: () => number;
  logger: Logger;
  config: EscalationConfig;
  /** Called when a ticket is closed with « faq » (writes the draft file for DTNUM); must not throw. */
  onFaqProposal?: (p: FaqProposal) => Promise<void>;
}

/** A closed ticket's question and answers, proposed for the FAQ (redacted texts). */
export interface FaqProposal {
  ticket: number;
  question: string;
  answers: string[];
  ambassador: { id: string; name: string };
  at: number;
}

/** A refusal the caller shows as is (French, for the user). */
export class EscalationRefusal extends Error {}

interface NoticeRef {
  ref: ConversationRef;
  messageId?: string;
}

const NOTICES = 'ticket-notices';
const CONVERSATION_REFS = 'conversation-ref';
const UNITS = 'agent-unit';

export class EscalationService {
  constructor(private readonly d: EscalationDeps) {}

  // ── agent side ────────────────────────────────────────────────────────────

  /** The unit an agent gave before, if it still means something in the current directory. */
  async unitOf(channel: string, userId: string): Promise<UnitRef | undefined> {
    const ref = await this.d.stores.kv.get(UNITS, `${channel}:${userId}`);
    return ref && resolveUnit(this.d.directory(), ref)?.ref;
  }

  async setUnit(channel: string, userId: string, ref: UnitRef): Promise<void> {
    await this.d.stores.kv.set(UNITS, `${channel}:${userId}`, ref, this.d.now());
  }

  /** Where a ticket of this unit would go now (a unit that no longer resolves goes to the national pool). */
  routeOf(ref: UnitRef): UnitRoute {
    const dir = this.d.directory();
    return routeUnit(dir, resolveUnit(dir, ref) ?? resolveUnit(dir, UNKNOWN_UNIT)!);
  }

  /** Remembers where a user can be reached, per conversation and per user. */
  async rememberConversation(ref: ConversationRef & { userId: string }): Promise<void> {
    const now = this.d.now();
    await this.d.stores.refs.save(ref, now);
    await this.d.stores.kv.set(CONVERSATION_REFS, `${ref.channel}:${ref.conversationId}`, JSON.stringify(ref), now);
  }

  async open(agent: TicketAgent, unit: UnitRef, question: string, context: string, trigger: TicketTrigger): Promise<{ ticket: Ticket; route: UnitRoute }> {
    const route = this.routeOf(unit);
    const { scope, fallback } = route;
    const routing = !route.unit.known ? 'unknown' : fallback ? 'fallback' : 'direct';
    const ticket = await this.d.stores.tickets.create(
      { trigger, scope: scope.id, agent, question, context, unit: route.unit.known ? route.unit.label : undefined, routing },
      this.d.now(),
    );
    this.d.logger.info({ ticket: ticket.id, scope: scope.id, trigger, routing }, 'ticket opened');
    await this.notifyScope(ticket, scope, false);
    return { ticket, route };
  }

  async ticketsOf(channel: string, userId: string): Promise<Ticket[]> {
    return this.d.stores.tickets.listByAgent(channel, userId);
  }

  async activeTicketsOf(channel: string, userId: string): Promise<Ticket[]> {
    return (await this.ticketsOf(channel, userId)).filter((t) => t.status !== 'closed');
  }

  /** An agent's follow-up on their own open ticket, relayed to the ambassador who holds it. */
  async followUp(channel: string, userId: string, id: number, text: string): Promise<Ticket> {
    const t = await this.d.stores.tickets.get(id);
    if (!t || t.agent.channel !== channel || t.agent.userId !== userId) throw new EscalationRefusal(`Je ne trouve pas de demande #${id} à votre nom.`);
    if (t.status === 'closed') throw new EscalationRefusal(`La demande #${id} est close : posez une nouvelle question si besoin.`);
    await this.d.stores.tickets.addMessage(id, 'agent', userId, text, this.d.now());
    const claimer = t.claimedBy ? this.d.directory().ambassadors.find((a) => a.id === t.claimedBy) : undefined;
    if (claimer) await this.toAmbassador(t, claimer, agentFollowUp(t, text));
    return t;
  }

  async rate(channel: string, userId: string, id: number, rating: number): Promise<Ticket> {
    const t = await this.d.stores.tickets.get(id);
    if (!t || t.agent.channel !== channel || t.agent.userId !== userId) throw new EscalationRefusal(`Je ne trouve pas de demande #${id} à votre nom.`);
    if (t.status !== 'closed') throw new EscalationRefusal(`La demande #${id} n’est pas encore close : vous pourrez la noter ensuite.`);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new EscalationRefusal('La note va de 1 à 5.');
    const rated = await this.d.stores.tickets.rate(id, rating);
    if (!rated) throw new EscalationRefusal(`La demande #${id} ne peut pas être notée.`);
    return rated;
  }

  /** "supprimer mes données": tickets, references, feedback, unit; the caller clears conversation state. */
  async eraseUser(channel: string, userId: string): Promise<{ tickets: number; conversations: string[] }> {
    const own = await this.ticketsOf(channel, userId);
    const conversations = [...new Set(own.map((t) => t.agent.conversationId))];
    for (const t of own) await this.d.stores.kv.delete(NOTICES, String(t.id));
    for (const c of conversations) await this.d.stores.kv.delete(CONVERSATION_REFS, `${channel}:${c}`);
    const tickets = await this.d.stores.tickets.deleteByAgent(channel, userId);
    await this.d.stores.refs.deleteUser(channel, userId);
    await this.d.stores.feedback.deleteUser(channel, userId);
    await this.d.stores.kv.delete(UNITS, `${channel}:${userId}`);
    this.d.logger.info({ channel, tickets }, 'user data erased on request');
    return { tickets, conversations };
  }

  // ── ambassador side ───────────────────────────────────────────────────────

  ambassadorFor(channel: string, userId: string): Ambassador | undefined {
    return this.d.directory().ambassadorFor(channel, userId);
  }

  /** National-pool ambassadors may act on every ticket; others on their scopes. */
  covers(a: Ambassador, t: Ticket): boolean {
    const dir = this.d.directory();
    return a.scopes.includes(dir.nationalScope) || a.scopes.includes(t.scope);
  }

  async listFor(a: Ambassador): Promise<Ticket[]> {
    const dir = this.d.directory();
    const all = a.scopes.includes(dir.nationalScope) ? undefined : a.scopes;
    return this.d.stores.tickets.listActive(all);
  }

  private async ticketFor(a: Ambassador, id: number, missing = `La demande #${id} n’existe pas.`): Promise<Ticket> {
    const t = await this.d.stores.tickets.get(id);
    if (!t) throw new EscalationRefusal(missing);
    if (!this.covers(a, t)) throw new EscalationRefusal(`La demande #${id} ne relève pas de votre périmètre.`);
    return t;
  }

  async claim(a: Ambassador, id: number): Promise<{ ticket: Ticket; earlier: string[] }> {
    await this.ticketFor(a, id);
    const result = await this.d.stores.tickets.claim(id, a.id, this.d.now());
    if (!result.ok) {
      if (result.reason === 'closed') throw new EscalationRefusal(`La demande #${id} est déjà close.`);
      if (result.reason === 'already_claimed') {
        const by = result.ticket?.claimedBy === a.id ? 'vous' : this.nameOf(result.ticket?.claimedBy);
        throw new EscalationRefusal(`La demande #${id} est déjà prise en charge par ${by}.`);
      }
      throw new EscalationRefusal(`La demande #${id} n’existe pas.`);
    }
    const t = result.ticket;
    await this.refreshNotices(t);
    await this.toAgent(t, claimedNotice(t, a.name));
    const earlier = (await this.d.stores.tickets.messages(id)).filter((m) => m.author === 'agent').map((m) => m.text);
    return { ticket: t, earlier };
  }

  async reply(a: Ambassador, id: number, text: string): Promise<{ ticket: Ticket; delivered: boolean }> {
    // Closed or erased meanwhile: the answer is not delivered, and given back so it is not lost.
    const gone = `La demande #${id} n’existe pas ou a été effacée (l’agent peut avoir demandé la suppression de ses données)`;
    const t = await this.ticketFor(a, id, notDelivered(gone, text, this.d.config.maxReplyChars));
    if (t.status === 'closed') {
      const by = t.claimedBy === a.id ? 'par vous' : t.claimedBy ? `par ${this.nameOf(t.claimedBy)}` : '';
      const when = t.closedAt ? ` le ${frenchDateTime(t.closedAt)}` : '';
      throw new EscalationRefusal(notDelivered(`La demande #${id} a été close entre-temps${by ? ` ${by}` : ''}${when}`, text, this.d.config.maxReplyChars));
    }
    if (t.status === 'open') throw new EscalationRefusal(`Prenez d’abord la demande #${id} (« prendre ${id} »), puis répondez.`);
    if (t.claimedBy !== a.id) throw new EscalationRefusal(`La demande #${id} est prise en charge par ${this.nameOf(t.claimedBy)} : seul cet ambassadeur peut y répondre.`);
    const body = text.trim();
    if (!body) throw new EscalationRefusal(`Votre réponse est vide. Écrivez : « répondre ${id} votre réponse ».`);
    if (body.length > this.d.config.maxReplyChars) {
      throw new EscalationRefusal(`Votre réponse est trop longue (${body.length} caractères, ${this.d.config.maxReplyChars} au plus) : raccourcissez-la ou découpez-la en plusieurs messages.`);
    }
    await this.d.stores.tickets.addMessage(id, 'ambassador', a.id, body, this.d.now());
    const delivered = await this.toAgent(t, ambassadorAnswer(t, body, a.name));
    return { ticket: t, delivered };
  }

  async close(a: Ambassador, id: number, proposeFaq: boolean): Promise<Ticket> {
    const t = await this.ticketFor(a, id);
    if (t.status === 'closed') throw new EscalationRefusal(`La demande #${id} est déjà close.`);
    if (t.status === 'claimed' && t.claimedBy !== a.id) throw new EscalationRefusal(`La demande #${id} est prise en charge par ${this.nameOf(t.claimedBy)} : c’est à cet ambassadeur de la clore.`);
    const closed = await this.d.stores.tickets.close(id, this.d.now(), proposeFaq);
    if (!closed) throw new EscalationRefusal(`La demande #${id} est déjà close.`);
    if (proposeFaq) {
      const answers = (await this.d.stores.tickets.messages(id)).filter((m) => m.author === 'ambassador').map((m) => m.text);
      // The database keeps the proposal (the record); the draft file is DTNUM's working copy.
      await this.d.stores.drafts.add({ ticketId: id, question: closed.question, answer: answers.join('\n\n'), at: this.d.now() });
      await this.d.onFaqProposal?.({ ticket: id, question: closed.question, answers, ambassador: { id: a.id, name: a.name }, at: this.d.now() });
    }
    await this.refreshNotices(closed);
    await this.toAgent(closed, ratingRequest(closed));
    return closed;
  }

  async transfer(a: Ambassador, id: number, scopeText: string): Promise<{ ticket: Ticket; scope: Scope }> {
    const t = await this.ticketFor(a, id);
    if (t.status === 'closed') throw new EscalationRefusal(`La demande #${id} est close.`);
    const dir = this.d.directory();
    const named = readUnit(dir, scopeText).ref;
    const scope = named ? resolveUnit(dir, named)?.start : undefined;
    if (!scope) {
      const known = this.d.directory().allScopes().map((s) => s.id).join(', ');
      // Quoted back bounded: whatever the ambassador pasted after the number, the refusal stays one short line.
      throw new EscalationRefusal(`Je ne connais pas le périmètre « ${clip(scopeText.trim(), 80)} ». Périmètres connus : ${known}.`);
    }
    return this.moveTo(t, scope, false);
  }

  private async moveTo(t: Ticket, scope: Scope, handover: boolean): Promise<{ ticket: Ticket; scope: Scope }> {
    const now = this.d.now();
    const transferred = await this.d.stores.tickets.transfer(t.id, scope.id, now);
    if (!transferred) throw new EscalationRefusal(`La demande #${t.id} ne peut plus être transférée.`);
    // A hand-over is recorded before the new notice is written, so that the notice says why.
    if (handover) await this.d.stores.tickets.markReminded(t.id, now, true);
    const moved: Ticket = handover ? { ...transferred, remindedAt: now, escalatedToNational: true } : transferred;
    await this.refreshNotices({ ...moved, status: 'closed' }, `Transférée vers ${scope.label}.`);
    await this.d.stores.kv.delete(NOTICES, String(t.id));
    await this.notifyScope(moved, scope, false);
    await this.toAgent(moved, transferredNotice(moved, scope, handover));
    return { ticket: moved, scope };
  }

  // ── time-driven work ──────────────────────────────────────────────────────

  /** Reminders, then hand-over to the national pool, for tickets nobody claimed. Idempotent. */
  async tick(): Promise<{ reminded: number; handedOver: number }> {
    const now = this.d.now();
    const dir = this.d.directory();
    let reminded = 0;
    let handedOver = 0;
    for (const t of await this.d.stores.tickets.listUnclaimed(now - this.d.config.reminderMs)) {
      if (!t.remindedAt) {
        await this.notifyScope(t, dir.scope(t.scope), true);
        await this.d.stores.tickets.markReminded(t.id, now, false);
        reminded++;
      } else if (now - t.remindedAt >= this.d.config.handoverMs && t.scope !== dir.nationalScope && !t.escalatedToNational) {
        const national = dir.scope(dir.nationalScope)!;
        await this.moveTo(t, national, true);
        handedOver++;
      }
    }
    return { reminded, handedOver };
  }

  /** Retention: closed tickets, unanswered questions, usage turns and idle conversation states older than the period. */
  async purge(): Promise<{ tickets: number; unanswered: number; usage: number; conversations: number }> {
    const before = this.d.now() - this.d.config.retentionMs;
    const tickets = await this.d.stores.tickets.purgeClosed(before);
    const unanswered = await this.d.stores.unanswered.purge(before);
    const usage = await this.d.stores.usage.purge(parisDay(before));
    const conversations = (await this.d.stores.conversations.purge?.(before)) ?? 0;
    await this.d.stores.kv.purge(NOTICES, before);
    await this.d.stores.kv.purge(CONVERSATION_REFS, before);
    return { tickets, unanswered, usage, conversations };
  }

  // ── delivery ──────────────────────────────────────────────────────────────

  private nameOf(ambassadorId: string | undefined): string {
    return this.d.directory().ambassadors.find((a) => a.id === ambassadorId)?.name ?? 'un autre ambassadeur';
  }

  /** Sends, recording failures on the ticket instead of retrying forever. */
  private async deliver(t: Ticket, ref: ConversationRef, reply: Reply): Promise<string | undefined | false> {
    if (!this.d.outbox.has(ref.channel)) return false;
    try {
      return await this.d.outbox.send(ref, reply);
    } catch (e) {
      const status = e instanceof DeliveryError ? e.status : undefined;
      const error = `${ref.channel}${status ? ` ${status}` : ''}: ${(e as Error).message}`.slice(0, 300);
      this.d.logger.warn({ ticket: t.id, channel: ref.channel, status }, 'proactive delivery failed');
      await this.d.stores.tickets.recordDeliveryError(t.id, error);
      return false;
    }
  }

  private async toAgent(t: Ticket, reply: Reply): Promise<boolean> {
    const saved = await this.d.stores.kv.get(CONVERSATION_REFS, `${t.agent.channel}:${t.agent.conversationId}`);
    const ref: ConversationRef = saved ? (JSON.parse(saved) as ConversationRef) : { channel: t.agent.channel, conversationId: t.agent.conversationId, userId: t.agent.userId };
    return (await this.deliver(t, ref, reply)) !== false;
  }

  /** Where an ambassador can be reached: their saved conversation per channel, or directly on text channels. */
  private async ambassadorRefs(a: Ambassador, preferred: string): Promise<ConversationRef[]> {
    const dir = this.d.directory();
    const refs: ConversationRef[] = [];
    for (const channel of ['teams', 'matrix']) {
      const id = dir.identityOn(a, channel);
      const saved = id ? await this.d.stores.refs.get(channel, id) : undefined;
      if (saved) refs.push(saved);
    }
    if (!refs.length && CONSOLE_LIKE_CHANNELS.includes(preferred)) {
      const id = dir.identityOn(a, preferred);
      if (id) refs.push({ channel: preferred, conversationId: id, userId: id });
    }
    return refs;
  }

  private async toAmbassador(t: Ticket, a: Ambassador, reply: Reply): Promise<void> {
    for (const ref of await this.ambassadorRefs(a, t.agent.channel)) await this.deliver(t, ref, reply);
  }

  /** Notice to the scope's rooms and a direct message to each available ambassador of the scope. */
  private async notifyScope(t: Ticket, scope: Scope | undefined, reminder: boolean): Promise<void> {
    const dir = this.d.directory();
    const target = scope ?? dir.scope(dir.nationalScope)!;
    const reply = ticketNotice(t, target, undefined, reminder);
    const targets: ConversationRef[] = [];
    for (const [channel, room] of Object.entries(target.rooms)) if (room) targets.push({ channel, conversationId: room });
    for (const a of dir.route(target.id).ambassadors) targets.push(...(await this.ambassadorRefs(a, t.agent.channel)));
    const sent: NoticeRef[] = [];
    for (const ref of targets) {
      const id = await this.deliver(t, ref, reply);
      if (id !== false) sent.push({ ref, messageId: id });
    }
    if (!reminder) await this.d.stores.kv.set(NOTICES, String(t.id), JSON.stringify(sent), this.d.now());
    if (!sent.length) this.d.logger.warn({ ticket: t.id, scope: target.id }, 'no ambassador could be notified');
  }

  /** Updates every notice of a ticket in place, so no two ambassadors see a taken ticket as free. */
  private async refreshNotices(t: Ticket, note?: string): Promise<void> {
    const saved = await this.d.stores.kv.get(NOTICES, String(t.id));
    if (!saved) return;
    const dir = this.d.directory();
    const reply = ticketNotice(t, dir.scope(t.scope), this.nameOf(t.claimedBy));
    if (note) reply.text = `${note}\n\n${reply.text}`;
    for (const n of JSON.parse(saved) as NoticeRef[]) {
      try {
        if (n.messageId) await this.d.outbox.update(n.ref, n.messageId, reply);
      } catch (e) {
        this.d.logger.warn({ ticket: t.id, channel: n.ref.channel, err: (e as Error).message }, 'notice update failed');
      }
    }
  }
}
