import type { Directory } from '../escalation/directory.js';
import type { GatheredTicket } from './gather.js';
import type { OpenTicket, TicketRow, TicketSummary } from './model.js';
import type { Ticket } from '../store/escalation-types.js';
import { durationStats } from './stats.js';
import { parisDay } from './days.js';

/**
 * Tickets of the period per scope: how many were opened, are still open, were closed; the time to
 * claim (opened → taken by an ambassador) and to answer (opened → first message of an ambassador),
 * as median and 90th percentile. A transferred ticket counts in its current scope.
 */

function row(scope: string, label: string, tickets: readonly GatheredTicket[]): TicketRow {
  return {
    scope,
    label,
    opened: tickets.length,
    stillOpen: tickets.filter((t) => t.ticket.status !== 'closed').length,
    closed: tickets.filter((t) => t.ticket.status === 'closed').length,
    toClaim: durationStats(tickets.flatMap((t) => (t.ticket.claimedAt !== undefined ? [t.ticket.claimedAt - t.ticket.createdAt] : []))),
    toAnswer: durationStats(tickets.flatMap((t) => (t.firstAnswerAt !== undefined ? [t.firstAnswerAt - t.ticket.createdAt] : []))),
  };
}

export function ticketSummary(tickets: readonly GatheredTicket[], active: readonly Ticket[], now: number, directory?: Directory): TicketSummary {
  const label = (scope: string) => directory?.scope(scope)?.label ?? scope;
  const byScope = new Map<string, GatheredTicket[]>();
  for (const t of tickets) byScope.set(t.ticket.scope, [...(byScope.get(t.ticket.scope) ?? []), t]);
  const rows = [...byScope].map(([scope, list]) => row(scope, label(scope), list));
  rows.sort((a, b) => b.opened - a.opened || a.label.localeCompare(b.label, 'fr'));
  const open: OpenTicket[] = active
    .filter((t): t is Ticket & { status: 'open' | 'claimed' } => t.status !== 'closed')
    .map((t) => ({ id: t.id, scope: t.scope, label: label(t.scope), status: t.status, opened: parisDay(t.createdAt), ageMs: Math.max(0, now - t.createdAt) }))
    .sort((a, b) => b.ageMs - a.ageMs || a.id - b.id);
  return { total: row('', 'Toutes les demandes', tickets), byScope: rows, open };
}
