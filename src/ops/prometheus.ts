import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EscalationEvent, LlmOutcome, LlmStage, Metrics, MetricSources, RefusalReason, TurnObservation } from '../metrics.js';

/**
 * The core's metrics in Prometheus text format (prom-client), on a registry of its own (several
 * apps in one test process never share counters). Names start with `charte_ia_`; the process and
 * Node.js metrics of prom-client are included.
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private sources: Partial<MetricSources> = {};
  private readonly messages: Counter<'channel' | 'intent'>;
  private readonly verdicts: Counter<'verdict'>;
  private readonly refusals: Counter<'channel' | 'reason'>;
  private readonly latency: Histogram<'channel'>;
  private readonly escalations: Counter<'event'>;
  private readonly reloads: Counter;
  private readonly reloadFailures: Counter;
  private readonly drops: Counter<'channel' | 'kind'>;
  private readonly llmSteps: Counter<'stage' | 'outcome'>;

  constructor(opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const sources = () => this.sources;
    this.messages = new Counter({ name: 'charte_ia_messages_total', help: 'Messages handled by the bot, by channel and intent of the answer', labelNames: ['channel', 'intent'], registers });
    this.verdicts = new Counter({ name: 'charte_ia_verdicts_total', help: 'Tool-check verdicts given', labelNames: ['verdict'], registers });
    this.refusals = new Counter({
      name: 'charte_ia_messages_refused_total',
      help: 'Messages not handed to the bot: rate_limited (per-user limit) or too_long (over MAX_MESSAGE_CHARS)',
      labelNames: ['channel', 'reason'],
      registers,
    });
    this.latency = new Histogram({
      name: 'charte_ia_turn_duration_seconds',
      help: 'Time to handle one message, from arrival to replies ready',
      labelNames: ['channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.escalations = new Counter({
      name: 'charte_ia_escalations_total',
      help: 'Escalation tickets: opened, claimed, closed, transferred, reminded, handed_over (to the national pool)',
      labelNames: ['event'],
      registers,
    });
    new Gauge({
      name: 'charte_ia_escalations_active',
      help: 'Tickets not closed yet, by state (open: unclaimed, claimed)',
      labelNames: ['state'],
      registers,
      async collect() {
        const read = sources().activeEscalations;
        if (!read) return;
        const counts = await read().catch(() => undefined);
        if (!counts) return;
        this.set({ state: 'open' }, counts.open);
        this.set({ state: 'claimed' }, counts.claimed);
      },
    });
    new Gauge({
      name: 'charte_ia_knowledge_entries',
      help: 'FAQ entries of the knowledge in service',
      registers,
      collect() {
        const read = sources().knowledgeEntries;
        if (read) this.set(read());
      },
    });
    this.reloads = new Counter({ name: 'charte_ia_knowledge_reloads_total', help: 'Knowledge reloads put in service', registers });
    this.reloadFailures = new Counter({ name: 'charte_ia_knowledge_reload_failures_total', help: 'Knowledge reloads rejected (invalid files): the previous knowledge kept serving', registers });
    new Gauge({
      name: 'charte_ia_outgoing_queue_length',
      help: 'Outgoing messages waiting to be sent, by channel',
      labelNames: ['channel'],
      registers,
      collect() {
        const read = sources().outgoingQueues;
        if (!read) return;
        this.reset();
        for (const [channel, n] of Object.entries(read())) this.set({ channel }, n);
      },
    });
    this.drops = new Counter({
      name: 'charte_ia_outgoing_dropped_total',
      help: 'Outgoing messages refused because the queue was full, by channel and kind (reply, proactive, notice)',
      labelNames: ['channel', 'kind'],
      registers,
    });
    this.llmSteps = new Counter({
      name: 'charte_ia_llm_steps_total',
      help: 'Steps of the optional generative layer, by stage and outcome (ok, or why the lexical answer was kept: timeout, error, invalid, empty, rejected)',
      labelNames: ['stage', 'outcome'],
      registers,
    });
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text served on GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  turn(t: TurnObservation): void {
    this.messages.inc({ channel: t.channel, intent: t.intent });
    if (t.verdict) this.verdicts.inc({ verdict: t.verdict });
    this.latency.observe({ channel: t.channel }, t.seconds);
  }

  refused(channel: string, reason: RefusalReason): void {
    this.refusals.inc({ channel, reason });
  }

  escalation(event: EscalationEvent): void {
    this.escalations.inc({ event });
  }

  knowledgeReload(ok: boolean): void {
    (ok ? this.reloads : this.reloadFailures).inc();
  }

  outgoingDropped(channel: string, kind: string): void {
    this.drops.inc({ channel, kind });
  }

  llm(stage: LlmStage, outcome: LlmOutcome): void {
    this.llmSteps.inc({ stage, outcome });
  }

  observe(sources: Partial<MetricSources>): void {
    this.sources = { ...this.sources, ...sources };
  }
}
