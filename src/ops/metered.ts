import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { TicketStore } from '../store/escalation-types.js';
import { LiveKnowledge } from '../knowledge/snapshot.js';
import type { KbProblem } from '../knowledge/loader.js';

/**
 * Metrics taken where the facts happen, without the escalation service or the knowledge loader
 * knowing about metrics: a ticket store that counts the lifecycle events it commits, and live
 * knowledge that counts its reloads.
 */

/** The same store; each successful transition also counts as an escalation event. */
export function meteredTickets(store: TicketStore, metrics: Metrics): TicketStore {
  return {
    async create(t, now, firstMessage) {
      const ticket = await store.create(t, now, firstMessage);
      metrics.escalation('opened');
      return ticket;
    },
    async claim(id, ambassadorId, now) {
      const result = await store.claim(id, ambassadorId, now);
      if (result.ok) metrics.escalation('claimed');
      return result;
    },
    async close(id, now, proposeFaq) {
      const closed = await store.close(id, now, proposeFaq);
      if (closed) metrics.escalation('closed');
      return closed;
    },
    async transfer(id, scope, now) {
      const moved = await store.transfer(id, scope, now);
      if (moved) metrics.escalation('transferred');
      return moved;
    },
    async markReminded(id, now, toNational) {
      await store.markReminded(id, now, toNational);
      metrics.escalation(toNational ? 'handed_over' : 'reminded');
    },
    get: (id) => store.get(id),
    listByAgent: (channel, userId) => store.listByAgent(channel, userId),
    listActive: (scopes) => store.listActive(scopes),
    addMessage: (ticketId, author, authorId, text, now) => store.addMessage(ticketId, author, authorId, text, now),
    messages: (ticketId) => store.messages(ticketId),
    rate: (id, rating) => store.rate(id, rating),
    listUnclaimed: (createdBefore) => store.listUnclaimed(createdBefore),
    recordDeliveryError: (id, error) => store.recordDeliveryError(id, error),
    deleteByAgent: (channel, userId) => store.deleteByAgent(channel, userId),
    purgeClosed: (before) => store.purgeClosed(before),
    listCreated: (since, until) => store.listCreated(since, until),
  };
}

/** Open and claimed tickets, for the escalations gauge. */
export async function activeEscalations(store: TicketStore): Promise<{ open: number; claimed: number }> {
  const active = await store.listActive();
  const open = active.filter((t) => t.status === 'open').length;
  return { open, claimed: active.length - open };
}

/**
 * Live knowledge whose reloads (by the file watcher or a caller) are counted, and whose unexpected
 * errors are contained: a reload that throws is a rejected reload, the previous knowledge serves on.
 */
export class MeteredKnowledge extends LiveKnowledge {
  constructor(
    dir: string,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    threshold?: number,
    directoryFile?: string,
  ) {
    super(dir, log, threshold, directoryFile);
  }

  override reload(): KbProblem[] {
    let problems: KbProblem[];
    try {
      problems = super.reload();
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'knowledge reload failed, previous knowledge kept');
      problems = [{ file: this.dir, message: (e as Error).message }];
    }
    this.metrics.knowledgeReload(problems.length === 0);
    return problems;
  }
}
