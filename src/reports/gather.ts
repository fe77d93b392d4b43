import type { Stores, Ticket, UsageDayCount, UsageEntryCount } from '../store/escalation-types.js';
import type { LoggedQuestion } from './cluster.js';
import type { ReportPeriod } from './model.js';
import { addDays, startOfParisDay } from './days.js';

/**
 * Reads what the report needs from the stores for a period, and nothing else. Every store keeps
 * redacted text only; the usage log has no text at all.
 */

/** Most unanswered questions read for one report (the log's own maximum page). */
export const MAX_QUESTIONS = 10_000;

export type ReportStores = Pick<Stores, 'unanswered' | 'feedback' | 'tickets' | 'usage'>;

export interface GatheredTicket {
  ticket: Ticket;
  /** When an ambassador first wrote to the agent, if ever. */
  firstAnswerAt?: number;
}

export interface GatheredData {
  questions: LoggedQuestion[];
  /** True when the log held more questions than could be read: the oldest of the period are missing. */
  questionsTruncated: boolean;
  /** Counts per subject since the feedback was first recorded (the store keeps no period). */
  feedback: { subject: string; up: number; down: number }[];
  usageDaily: UsageDayCount[];
  usageByEntry: UsageEntryCount[];
  /** Tickets created during the period. */
  tickets: GatheredTicket[];
  /** Tickets open or claimed now, whatever their creation date. */
  active: Ticket[];
}

export async function gather(stores: ReportStores, period: ReportPeriod): Promise<GatheredData> {
  const from = startOfParisDay(period.since);
  const to = startOfParisDay(addDays(period.until, 1));
  const logged = await stores.unanswered.list(MAX_QUESTIONS);
  const questions = logged.filter((q) => q.at >= from && q.at < to);
  const oldest = logged.length ? Math.min(...logged.map((q) => q.at)) : Infinity;
  const created = await stores.tickets.listCreated(from, to);
  const tickets: GatheredTicket[] = [];
  for (const ticket of created) {
    const first = (await stores.tickets.messages(ticket.id)).find((m) => m.author === 'ambassador');
    tickets.push(first ? { ticket, firstAnswerAt: first.at } : { ticket });
  }
  return {
    questions,
    questionsTruncated: logged.length >= MAX_QUESTIONS && oldest >= from,
    feedback: await stores.feedback.summary(),
    usageDaily: await stores.usage.daily(period.since, period.until),
    usageByEntry: await stores.usage.byEntry(period.since, period.until),
    tickets,
    active: await stores.tickets.listActive(),
  };
}
