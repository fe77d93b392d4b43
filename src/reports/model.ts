/**
 * The usage report as data, before any rendering: every renderer (text, CSV, HTML) reads this and
 * only this. Texts of questions are the redacted texts kept by the stores.
 */

/** Inclusive period, Paris days YYYY-MM-DD. */
export interface ReportPeriod {
  since: string;
  until: string;
}

/** Similar unanswered or low-confidence questions. */
export interface QuestionGroup {
  /** The question closest to the others of the group. */
  representative: string;
  count: number;
  /** Paris days of the first and last time it was asked. */
  first: string;
  last: string;
  /** A few other phrasings, most recent first (representative excluded). */
  examples: string[];
  /** Highest retrieval confidence among the group's questions (0..1). */
  bestConfidence: number;
}

export type FeedbackSubjectKind = 'entry' | 'rule' | 'ticket' | 'unknown';

export interface FeedbackRow {
  subject: string;
  kind: FeedbackSubjectKind;
  /** Entry title, or a French description of the subject. */
  title: string;
  up: number;
  down: number;
  /** Times the entry was served over the period (entries only, from the usage log). */
  served?: number;
}

/** How often an entry answered over the period, and how sure the bot was. */
export interface ServedEntry {
  entryId: string;
  /** Entry title, or a French note when the entry no longer exists. */
  title: string;
  turns: number;
  meanConfidence: number | null;
}

/** Turns of one day or week. */
export interface UsageBucket {
  /** Day, or Monday of the week. */
  start: string;
  turns: number;
  /** Turns per intent (charter_question, tool_check…, other). */
  byIntent: Record<string, number>;
  /** Turns where the bot had no sure answer. */
  notSure: number;
}

export interface UsageSummary {
  granularity: 'day' | 'week';
  buckets: UsageBucket[];
  /** Intents over the whole period, most frequent first. */
  intents: { intent: string; turns: number }[];
  /** Tool-check verdicts over the whole period, most frequent first. */
  verdicts: { verdict: string; turns: number }[];
  /** Channels over the whole period, most used first. */
  channels: { channel: string; turns: number }[];
  total: number;
  notSure: number;
}

/** Durations in milliseconds; undefined when no ticket of the row has the event. */
export interface DurationStats {
  count: number;
  median?: number;
  p90?: number;
}

export interface TicketRow {
  /** Scope id, or "" for the total line. */
  scope: string;
  /** Scope label from the ambassador directory (or the id when unknown). */
  label: string;
  opened: number;
  /** Still open or claimed at the time of the report. */
  stillOpen: number;
  closed: number;
  toClaim: DurationStats;
  toAnswer: DurationStats;
}

export interface OpenTicket {
  id: number;
  scope: string;
  label: string;
  status: 'open' | 'claimed';
  /** Paris day the ticket was opened. */
  opened: string;
  /** Milliseconds since it was opened. */
  ageMs: number;
}

export interface TicketSummary {
  total: TicketRow;
  byScope: TicketRow[];
  /** Every ticket still open or claimed (whatever its creation date), oldest first. */
  open: OpenTicket[];
}

export interface Report {
  period: ReportPeriod;
  /** Epoch ms the report was built. */
  generatedAt: number;
  questions: { total: number; groups: QuestionGroup[]; truncated: boolean };
  feedback: FeedbackRow[];
  /** Entries served over the period, most served first. */
  entries: ServedEntry[];
  usage: UsageSummary;
  tickets: TicketSummary;
  /** Operator notes shown with the report (knowledge not readable, limits reached…), French. */
  notes: string[];
}

/** Groups listed in full in the terminal and the HTML page; the CSV has them all. */
export const LISTED_GROUPS = 50;

/** True when nothing at all happened over the period. */
export function isEmptyReport(r: Report): boolean {
  return r.questions.total === 0 && r.feedback.length === 0 && r.usage.total === 0 && r.tickets.total.opened === 0 && r.tickets.open.length === 0;
}
