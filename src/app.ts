import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig, type AppConfig } from './config.js';
import { createLogger } from './logger.js';
import type { KnowledgeSnapshot, LiveKnowledge } from './knowledge/snapshot.js';
import { Bot, type DialogRegistry } from './bot.js';
import type { Stores } from './store/escalation-types.js';
import { openSqliteStores } from './store/sqlite/index.js';
import { openStores, storeEngine } from './store/open.js';
import type { BotServices } from './services.js';
import { ChannelRouter } from './channels.js';
import { EscalationService } from './escalation/service.js';
import { charterAnswerDialog } from '../dialogs/charter-answer.js';
import { greetingDialog, helpDialog } from '../dialogs/small-talk.js';
import { outOfScopeDialog } from '../dialogs/out-of-scope.js';
import { escalationDialog } from '../dialogs/escalation.js';
import { toolCheckDialog } from '../dialogs/tool-check.js';
import { handleAmbassadorTurn } from '../dialogs/ambassador.js';
import { eraseDataDialog, handleAgentTicketAction, myRequestsDialog, offerAttach } from '../dialogs/my-requests.js';
import { handleFeedback } from '../dialogs/feedback.js';
import { ambassadorHelp, parseAmbassadorCommand } from './escalation/commands.js';
import { handleFaqAdminTurn } from '../dialogs/faq-admin.js';
import { faqAdminHelp, parseFaqAdminCommand } from './kb-drafts/commands.js';
import { KbAdmins } from './kb-drafts/admins.js';
import { FaqDrafts } from './kb-drafts/service.js';
import { ReloadNotifier } from './kb-drafts/notifier.js';
import { NO_METRICS, type Metrics } from './metrics.js';
import { TurnGate } from './ops/turn-gate.js';
import { activeEscalations, MeteredKnowledge, meteredTickets } from './ops/metered.js';
import type { HttpMount } from './ops/http-server.js';
import type { IncomingMessage } from './types.js';
import { createLlmLayer } from './llm/index.js';
import type { LlmClient } from './llm/client.js';
import { Lease } from './ops/lease.js';

export function defaultDialogs(): DialogRegistry {
  return {
    byIntent: {
      charter_question: charterAnswerDialog,
      tool_check: toolCheckDialog,
      escalation_request: escalationDialog,
      greeting: greetingDialog,
      help: helpDialog,
      out_of_scope: outOfScopeDialog,
    },
    byCommand: { my_requests: myRequestsDialog, delete_my_data: eraseDataDialog },
    handlers: [handleFeedback, handleAgentTicketAction, handleAmbassadorTurn, handleFaqAdminTurn],
    afterAnswer: offerAttach,
    extraHelp: (ctx) => {
      const { channel, user } = ctx.message;
      const parts = [
        ...(ctx.services.escalation.ambassadorFor(channel, user.id) ? [ambassadorHelp()] : []),
        ...(ctx.services.faqDrafts?.isAdmin(channel, user.id) ? [faqAdminHelp()] : []),
      ];
      return parts.length ? { text: parts.join('\n\n'), meta: { escalate: false } } : undefined;
    },
    all: [charterAnswerDialog, toolCheckDialog, escalationDialog, greetingDialog, helpDialog, outOfScopeDialog, myRequestsDialog, eraseDataDialog],
  };
}

export interface AppOptions {
  config?: AppConfig;
  logger?: Logger;
  /** Stores to use (tests share one); otherwise SQLite at `databasePath` / DATABASE_PATH (openApp: DATABASE_URL too). */
  stores?: Stores;
  /** Close `stores` with the app (openApp opened them for it). */
  ownStores?: boolean;
  /** Overrides DATABASE_PATH (":memory:" for one-shot commands and tests). */
  databasePath?: string;
  /** Overrides AMBASSADORS_FILE. */
  directoryFile?: string;
  /** Overrides KNOWLEDGE_DIR. */
  knowledgeDir?: string;
  /** Watch knowledge files and reload them live (default: config.KNOWLEDGE_WATCH). */
  watch?: boolean;
  now?: () => number;
  /** Where turns, escalations and reloads are counted (default: nowhere). */
  metrics?: Metrics;
  /** The process's HTTP server, for channels that serve an endpoint (`charte-ia start`). */
  http?: HttpMount;
  /**
   * Refuse messages over MAX_MESSAGE_CHARS and apply the per-user rate limit (RATE_LIMIT_*), as
   * `charte-ia start` does; off for one-shot commands, transcripts and tests.
   */
  enforceLimits?: boolean;
  /** The generative layer's model client (tests); by default the OpenAI-compatible one of LLM_BASE_URL. */
  llmClient?: LlmClient;
}

export interface App {
  /** The bot behind its gate: limits when enforced, metrics, turns in flight. */
  bot: TurnGate;
  knowledge: LiveKnowledge;
  services: BotServices;
  stores: Stores;
  /** Adapters register here to receive proactive messages. */
  router: ChannelRouter;
  escalation: EscalationService;
  /** FAQ drafts (knowledge/drafts/) and the DTNUM admins' commands. */
  faqDrafts: FaqDrafts;
  /** Tells the DTNUM admins about refused (and recovered) knowledge reloads. */
  reloadNotices: ReloadNotifier;
  metrics: Metrics;
  http?: HttpMount;
  /**
   * With stores several replicas share (PostgreSQL): the lease of the replica that syncs Matrix and
   * runs the escalation timers. Started by the Matrix channel and startSchedules; undefined otherwise.
   */
  coordinator?: Lease;
  /** Starts the reminder / retention timers (not started by default: tests drive `escalation.tick`). */
  startSchedules(): void;
  /**
   * Runs time-driven work as the timers do: only on the coordinator when replicas share the store
   * (resolves undefined elsewhere), always without a lease.
   */
  coordinated<T>(work: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** Wires the core: configuration, knowledge (validated, fail-fast), stores, escalation, dialogs. */
export function createApp(opts: AppOptions = {}): App {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const metrics = opts.metrics ?? NO_METRICS;
  const knowledgeDir = opts.knowledgeDir ?? config.KNOWLEDGE_DIR;
  const knowledge = new MeteredKnowledge(knowledgeDir, logger, metrics, config.CONFIDENCE_THRESHOLD, opts.directoryFile ?? config.AMBASSADORS_FILE);
  if (!opts.stores && opts.databasePath === undefined && config.DATABASE_URL !== undefined) {
    throw new Error('DATABASE_URL is set: PostgreSQL stores open asynchronously, use openApp() instead of createApp()');
  }
  const opened = opts.stores ?? openSqliteStores(opts.databasePath ?? config.DATABASE_PATH, { logger });
  const stores: Stores = opts.metrics ? { ...opened, tickets: meteredTickets(opened.tickets, metrics), close: () => opened.close() } : opened;
  metrics.observe({ knowledgeEntries: () => knowledge.current().entries.length, activeEscalations: () => activeEscalations(opened.tickets) });
  const now = opts.now ?? Date.now;
  const router = new ChannelRouter();
  const admins = new KbAdmins(config.KB_ADMINS);
  // A throw-away store (transcripts, `ask`, tests) means throw-away drafts: never written into the real knowledge/.
  // Stores handed in by a caller that keeps them (tests) count as throw-away; openApp's own stores do not.
  const memoryDb = storeEngine(config, { databasePath: opts.databasePath }) === 'sqlite' && (opts.databasePath ?? config.DATABASE_PATH) === ':memory:';
  const throwAwayDrafts = !config.KB_DRAFTS_DIR && ((!!opts.stores && !opts.ownStores) || memoryDb);
  const draftsDir = config.KB_DRAFTS_DIR
    ? resolve(config.KB_DRAFTS_DIR)
    : throwAwayDrafts
      ? join(tmpdir(), `charte-ia-drafts-${process.pid}-${randomBytes(6).toString('hex')}`) // created by the first draft only
      : join(resolve(knowledgeDir), 'drafts');
  const faqDrafts = new FaqDrafts({ dir: draftsDir, knowledge, admins, now, logger });
  const reloadNotices = new ReloadNotifier({ admins, refs: stores.refs, outbox: router, logger });
  knowledge.onReload(reloadNotices.listener);
  const escalation = new EscalationService({
    stores,
    directory: () => knowledge.current().directory,
    outbox: router,
    now,
    logger,
    config: {
      reminderMs: config.ESCALATION_REMINDER_MINUTES * MINUTE,
      handoverMs: config.ESCALATION_HANDOVER_MINUTES * MINUTE,
      retentionMs: config.RETENTION_DAYS * 24 * 60 * MINUTE,
      maxReplyChars: 4_000,
    },
    onFaqProposal: async (p) => {
      const draft = faqDrafts.propose(p);
      if (draft) await faqDrafts.markWritten(stores, p.ticket, draft.id);
    },
  });
  if (opts.watch ?? config.KNOWLEDGE_WATCH) knowledge.watch({ ignore: [draftsDir] });
  const llm = createLlmLayer(config, { logger, metrics, shield: () => knowledge.current().shield, ...(opts.llmClient ? { client: opts.llmClient } : {}) });
  // The entry embeddings are computed in the background, at start and after each reload (see the
  // turn below): lexical retrieval until then.
  llm?.warm(knowledge.current());
  // One snapshot per turn: a reload during a turn's awaits never mixes old and new knowledge in one reply.
  const turnKnowledge = new AsyncLocalStorage<KnowledgeSnapshot>();
  const services: BotServices = { config, logger, knowledge: () => turnKnowledge.getStore() ?? knowledge.current(), now, stores, escalation, faqDrafts, ...(llm ? { llm } : {}) };
  const core = new Bot(services, stores.conversations, defaultDialogs());
  // Ambassadors' ticket commands and buttons are their work, not a flood: never rate-limited.
  const ticketCommand = (m: IncomingMessage) =>
    ((m.action?.type.startsWith('ticket.') || typeof parseAmbassadorCommand(m.text ?? '') === 'object') && !!escalation.ambassadorFor(m.channel, m.user.id)) ||
    (typeof parseFaqAdminCommand(m.text ?? '') === 'object' && admins.isAdmin(m.channel, m.user.id));
  const bot = new TurnGate({
    bot: {
      handle: (m: IncomingMessage) => {
        const kb = knowledge.current();
        llm?.warm(kb);
        return turnKnowledge.run(kb, () => core.handle(m));
      },
    },
    metrics,
    logger,
    limits: opts.enforceLimits
      ? { maxMessageChars: config.MAX_MESSAGE_CHARS, rate: { messages: config.RATE_LIMIT_MESSAGES, windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000 } }
      : undefined,
    exempt: ticketCommand,
  });
  const coordinator = stores.leases
    ? new Lease({ store: stores.leases, name: 'coordinator', holder: config.REPLICA_NAME, ttlMs: config.REPLICA_LEASE_SECONDS * 1000, logger })
    : undefined;
  const timers: NodeJS.Timeout[] = [];
  const coordinated = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (coordinator) await coordinator.start();
    return coordinator && !coordinator.held ? undefined : work();
  };
  return {
    coordinator,
    coordinated,
    bot,
    knowledge,
    services,
    stores,
    router,
    escalation,
    faqDrafts,
    reloadNotices,
    metrics,
    http: opts.http,
    startSchedules() {
      // Replicas: only the lease holder reminds, hands over and purges, so each fires once.
      const safely = (name: string, work: () => Promise<unknown>) => () =>
        void coordinated(work).catch((e: Error) => logger.error({ err: e.message }, `${name} failed`));
      const tick = safely('escalation reminders', () => escalation.tick());
      const purge = safely('retention purge', () => escalation.purge());
      purge();
      // Drafts the database holds and the drafts folder lacks (recorded before drafts were files).
      safely('FAQ draft export', () => faqDrafts.exportFromDatabase(stores))();
      timers.push(setInterval(tick, MINUTE), setInterval(purge, 24 * 60 * MINUTE));
      for (const t of timers) t.unref();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await coordinator?.stop();
      knowledge.close();
      await reloadNotices.idle();
      if (throwAwayDrafts) rmSync(draftsDir, { recursive: true, force: true });
      if (!opts.stores || opts.ownStores) await stores.close();
    },
  };
}

/**
 * createApp with the stores the configuration selects (src/store/open.ts): PostgreSQL when
 * DATABASE_URL is set, SQLite otherwise. The app closes them. Throws StoreConnectionError when the
 * database cannot be reached.
 */
export async function openApp(opts: AppOptions = {}): Promise<App> {
  if (opts.stores) return createApp(opts);
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const stores = await openStores(config, { logger, databasePath: opts.databasePath });
  try {
    return createApp({ ...opts, config, logger, stores, ownStores: true });
  } catch (e) {
    await stores.close();
    throw e;
  }
}
