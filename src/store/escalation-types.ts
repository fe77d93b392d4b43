import type { ConversationRef } from '../types.js';
import type { ConversationStore } from './types.js';

/**
 * Stores behind the escalation flow. Interfaces only: SQLite implements them first
 * (src/store/sqlite/), a networked database can follow without touching dialogs.
 * Every text field holds REDACTED text only.
 */

export type TicketStatus = 'open' | 'claimed' | 'closed';
export type TicketTrigger = 'explicit' | 'low_confidence' | 'contested' | 'tool_case' | 'out_of_scope';
/**
 * How a ticket reached its scope when opened: the agent's unit's own ambassadors, a scope above them
 * for want of an available ambassador, or the national pool because the agent did not know their unit.
 * A transfer turns `fallback` into `direct` (the scope was then chosen by an ambassador).
 */
export type TicketRouting = 'direct' | 'fallback' | 'unknown';

/** Who asked: enough to reach them again in the conversation they asked from. */
export interface TicketAgent {
  channel: string;
  userId: string;
  conversationId: string;
  /** Display name (may be shown to the ambassador). */
  name?: string;
}

export interface Ticket {
  id: number;
  status: TicketStatus;
  trigger: TicketTrigger;
  scope: string;
  agent: TicketAgent;
  /** Redacted question. */
  question: string;
  /** Redacted context (previous answer, verdict…), may be empty. */
  context: string;
  claimedBy?: string;
  createdAt: number;
  claimedAt?: number;
  closedAt?: number;
  /** Last reminder sent (epoch ms); reminders and hand-over use it. */
  remindedAt?: number;
  /** The ticket was handed over to the national pool after no claim. */
  escalatedToNational: boolean;
  rating?: number;
  proposeFaq: boolean;
  /** Last delivery failure, e.g. "teams: 403 Forbidden". */
  deliveryError?: string;
  /** The agent's unit as named when the ticket was opened (« Préfecture du Rhône »). */
  unit?: string;
  routing?: TicketRouting;
}

export type TicketAuthor = 'agent' | 'ambassador' | 'system';

export interface TicketMessage {
  id: number;
  ticketId: number;
  author: TicketAuthor;
  /** Channel identity of the author (ambassador id for ambassadors). */
  authorId: string;
  text: string;
  at: number;
}

export type ClaimResult =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: 'not_found' | 'closed' | 'already_claimed'; ticket?: Ticket };

export interface NewTicket {
  trigger: TicketTrigger;
  scope: string;
  agent: TicketAgent;
  question: string;
  context: string;
  unit?: string;
  routing?: TicketRouting;
}

/** A message stored together with a new ticket (see TicketStore.create). */
export interface NewTicketMessage {
  author: TicketAuthor;
  authorId: string;
  text: string;
}

export interface TicketStore {
  /**
   * Creates the ticket (status open) atomically; returns it with its number. With `firstMessage`,
   * the ticket and that message are written in one transaction: both exist or neither does.
   */
  create(t: NewTicket, now: number, firstMessage?: NewTicketMessage): Promise<Ticket>;
  get(id: number): Promise<Ticket | undefined>;
  /** An agent's tickets, newest first. */
  listByAgent(channel: string, userId: string): Promise<Ticket[]>;
  /** Open or claimed tickets, optionally only those of some scopes, oldest first. */
  listActive(scopes?: string[]): Promise<Ticket[]>;
  /** Exactly one concurrent caller wins; others get already_claimed. */
  claim(id: number, ambassadorId: string, now: number): Promise<ClaimResult>;
  addMessage(ticketId: number, author: TicketAuthor, authorId: string, text: string, now: number): Promise<TicketMessage>;
  messages(ticketId: number): Promise<TicketMessage[]>;
  /** Closes an open or claimed ticket; returns undefined when it does not exist or is already closed. */
  close(id: number, now: number, proposeFaq: boolean): Promise<Ticket | undefined>;
  /** Moves an active ticket to another scope, unclaimed again. */
  transfer(id: number, scope: string, now: number): Promise<Ticket | undefined>;
  /** 1..5, once the ticket is closed. */
  rate(id: number, rating: number): Promise<Ticket | undefined>;
  /** Open (unclaimed) tickets created before `createdBefore`, oldest first (reminders use `remindedAt`). */
  listUnclaimed(createdBefore: number): Promise<Ticket[]>;
  markReminded(id: number, now: number, toNational: boolean): Promise<void>;
  recordDeliveryError(id: number, error: string): Promise<void>;
  /** Deletes every ticket (and its messages) of an agent; returns how many. */
  deleteByAgent(channel: string, userId: string): Promise<number>;
  /** Deletes closed tickets closed before `before`; returns how many. */
  purgeClosed(before: number): Promise<number>;
  /** Tickets created in [since, until) whatever their status, oldest first (usage report). */
  listCreated(since: number, until: number): Promise<Ticket[]>;
}

/** Where to reach a user proactively, per channel. */
export interface ConversationRefStore {
  save(ref: ConversationRef & { userId: string }, now: number): Promise<void>;
  /** The last conversation a user was seen in on a channel (personal chat preferred by the adapter). */
  get(channel: string, userId: string): Promise<ConversationRef | undefined>;
  deleteUser(channel: string, userId: string): Promise<number>;
}

export interface FeedbackRecord {
  channel: string;
  userId: string;
  /** What the feedback is about: a KB entry id, a policy rule id, a ticket number. */
  subject: string;
  value: 'up' | 'down';
  at: number;
}

export interface FeedbackStore {
  add(f: FeedbackRecord): Promise<void>;
  /** Counts per subject, for DTNUM. */
  summary(): Promise<{ subject: string; up: number; down: number }[]>;
  deleteUser(channel: string, userId: string): Promise<number>;
}

/** Questions the bot could not answer confidently (redacted), for DTNUM to extend the FAQ. */
export interface UnansweredLog {
  add(question: string, confidence: number, now: number): Promise<void>;
  list(limit?: number): Promise<{ question: string; confidence: number; at: number }[]>;
  purge(before: number): Promise<number>;
}

/**
 * One turn of the bot as the usage report counts it: no text, no user, only the day. Recorded once
 * per turn by the core (src/usage-record.ts), purged after RETENTION_DAYS like the unanswered log.
 */
export interface UsageRecord {
  /** Day of the turn, YYYY-MM-DD in Paris time. */
  day: string;
  /** Channel name (teams, matrix, console…). */
  channel: string;
  /** Intent of the reply (charter_question, tool_check…), or "other" (buttons, commands, dialog steps without one). */
  intent: string;
  /** Verdict of a tool check (allowed, not_allowed…). */
  verdict?: string;
  /** Knowledge entry the answer came from (the first one of a synthesis). */
  entryId?: string;
  /** Retrieval confidence of the answer, 0..1. */
  confidence?: number;
  /** False when the bot said it had no sure answer (nothing found, or only the closest passage with a caveat). */
  answered: boolean;
}

/** Turns of one day with the same channel, intent, verdict and outcome. */
export interface UsageDayCount {
  day: string;
  channel: string;
  intent: string;
  verdict: string | null;
  answered: boolean;
  turns: number;
}

/** How often an entry was served, and with what mean confidence (null when none was recorded). */
export interface UsageEntryCount {
  entryId: string;
  turns: number;
  meanConfidence: number | null;
}

/** Per-turn usage counts (no text, no user id) for DTNUM's report. Day bounds are inclusive YYYY-MM-DD strings. */
export interface UsageLog {
  record(r: UsageRecord): Promise<void>;
  /** Counts for the days in [since, until], by day (oldest first), then channel, intent, verdict, answered. */
  daily(since: string, until: string): Promise<UsageDayCount[]>;
  /** Counts per entry for the days in [since, until], most served first, then by entry id. */
  byEntry(since: string, until: string): Promise<UsageEntryCount[]>;
  /** Deletes the turns of days before `beforeDay` (YYYY-MM-DD); returns how many. */
  purge(beforeDay: string): Promise<number>;
}

/** Answers ambassadors proposed for the FAQ when closing a ticket. */
export interface FaqDraftStore {
  add(d: { ticketId: number; question: string; answer: string; at: number }): Promise<void>;
  list(): Promise<{ ticketId: number; question: string; answer: string; at: number }[]>;
}

/** Small durable key-value space for adapters (Matrix sync token, processed event ids…). */
export interface KeyValueStore {
  get(namespace: string, key: string): Promise<string | undefined>;
  set(namespace: string, key: string, value: string, now: number): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  /** Deletes entries of a namespace updated before `before`; returns how many. */
  purge(namespace: string, before: number): Promise<number>;
}

/** Who holds a named lease, until when (epoch ms on the database's clock). */
export interface LeaseState {
  holder: string;
  expiresAt: number;
}

/**
 * Named leases shared by the replicas of one deployment (src/ops/lease.ts): one holder at a time,
 * taken over once it stops renewing. Only stores that several processes can share implement it.
 */
export interface LeaseStore {
  /**
   * Takes `name` for `holder` for `ttlMs` when it is free, expired or already `holder`'s (a renewal),
   * in one conditional statement; returns whoever holds it afterwards.
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseState>;
  /** Gives the lease up at once (clean shutdown), if `holder` still has it. */
  release(name: string, holder: string): Promise<void>;
}

/** Everything the escalation flow needs, from one database. */
export interface Stores {
  conversations: ConversationStore;
  tickets: TicketStore;
  refs: ConversationRefStore;
  feedback: FeedbackStore;
  unanswered: UnansweredLog;
  drafts: FaqDraftStore;
  kv: KeyValueStore;
  usage: UsageLog;
  /** Present when several replicas can share the database (PostgreSQL). */
  leases?: LeaseStore;
  close(): Promise<void>;
}
