/**
 * What the core reports about its work, as events and values read on demand. The core only knows
 * this interface; `src/ops/prometheus.ts` implements it with prom-client for `GET /metrics`.
 * Labels come from small fixed sets (channel names, intents, verdicts, events): never a user, a
 * conversation or a text.
 */

export type EscalationEvent = 'opened' | 'claimed' | 'closed' | 'transferred' | 'reminded' | 'handed_over';

/** Why a message was not handed to the bot. */
export type RefusalReason = 'rate_limited' | 'too_long';

export interface TurnObservation {
  channel: string;
  /** Intent of the answer (`other` for commands, buttons, dialog steps). */
  intent: string;
  /** Verdict of a tool check, when the answer carries one. */
  verdict?: string;
  seconds: number;
}

/** Steps of the optional generative layer (src/llm/). */
export type LlmStage = 'embed_entries' | 'embed_query' | 'rewrite' | 'phrase_answer' | 'phrase_verdict' | 'outgoing';
/** How a step ended: `ok`, or why its result was not used (the lexical path answered instead). */
export type LlmOutcome = 'ok' | 'timeout' | 'error' | 'invalid' | 'empty' | 'rejected' | 'masked';

/** Values read each time the metrics are collected. */
export interface MetricSources {
  knowledgeEntries(): number;
  /** Tickets not closed yet, by state. */
  activeEscalations(): Promise<{ open: number; claimed: number }>;
  /** Outgoing messages waiting, by channel. */
  outgoingQueues(): Record<string, number>;
}

export interface Metrics {
  turn(t: TurnObservation): void;
  refused(channel: string, reason: RefusalReason): void;
  escalation(event: EscalationEvent): void;
  /** A knowledge reload finished: `ok` false when it was rejected and the previous knowledge kept. */
  knowledgeReload(ok: boolean): void;
  /** An outgoing message refused because its channel's queue was full (`kind`: reply, proactive, notice). */
  outgoingDropped(channel: string, kind: string): void;
  /** One step of the generative layer; `masked`: the outgoing guard had to mask text (a bug upstream). */
  llm?(stage: LlmStage, outcome: LlmOutcome): void;
  /** Registers (or replaces) sources of values read at collection time. */
  observe(sources: Partial<MetricSources>): void;
}

/** Metrics that record nothing (one-shot commands, tests). */
export const NO_METRICS: Metrics = {
  turn: () => undefined,
  refused: () => undefined,
  escalation: () => undefined,
  knowledgeReload: () => undefined,
  outgoingDropped: () => undefined,
  observe: () => undefined,
};
