import type { Logger } from 'pino';
import type { App, AppOptions } from './app.js';
import type { ChannelAdapter } from './types.js';
import { checkSections, ConfigError, coreSection, presentEnv, type AppConfig, type ConfigSection, type Env } from './config.js';
import { HttpServer } from './ops/http-server.js';
import { PrometheusMetrics } from './ops/prometheus.js';
import { mountProbes, Readiness, storeWritable } from './ops/probes.js';
import { stopService } from './ops/shutdown.js';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';
import { teamsSection, type TeamsConfig } from '../adapters/teams/config.js';
import { matrixSection, type MatrixConfig } from '../adapters/matrix/config.js';

/**
 * Composition root of `charte-ia start` / `npm start`: validates every configuration section at
 * once, serves the HTTP server (probes and metrics first, then the channels' endpoints), starts
 * every channel whose configuration is present, registers it for proactive messages, runs the
 * reminder and retention timers, and stops everything cleanly (src/ops/shutdown.ts). With cli.ts,
 * the only core file that knows the adapters.
 */

/** Every section of the configuration, in the order `config check` lists them. */
export const CONFIG_SECTIONS: readonly ConfigSection[] = [coreSection, teamsSection, matrixSection];

/** Variables read by other tools of the project (not by the bot), known so `.env` may hold them. */
export const TOOL_VARIABLES = ['MICROSOFT_APP_ID', 'TEAMS_APP_ID', 'TEAMS_APP_VERSION', 'TEAMS_DEVELOPER_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL', 'TEAMSAPPTESTER_BROWSER'];

export interface Settings {
  core: AppConfig;
  teams: TeamsConfig;
  /** Undefined while MATRIX_HOMESERVER_URL is unset. */
  matrix?: MatrixConfig;
  http: { host: string; port: number; maxBodyBytes: number; portSetting: string };
  /** Things worth telling the operator that do not stop start-up. */
  notes: string[];
}

/** Reads and checks every section; throws one ConfigError listing the problems of all of them. */
export function loadSettings(env: Env): Settings {
  const problems: string[] = [];
  let loaded: Map<string, unknown> | undefined;
  try {
    loaded = checkSections(CONFIG_SECTIONS, env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  const set = presentEnv(['HTTP_PORT', 'TEAMS_PORT', 'HTTP_HOST', 'TEAMS_HOST', 'MATRIX_HOMESERVER_URL'], env);
  const notes: string[] = [];
  for (const [now, former] of [
    ['HTTP_PORT', 'TEAMS_PORT'],
    ['HTTP_HOST', 'TEAMS_HOST'],
  ] as const) {
    if (set[now] && set[former] && set[now] !== set[former]) problems.push(`${former}=${JSON.stringify(set[former])}: disagrees with ${now}=${JSON.stringify(set[now])}; ${former} is the former name of ${now}, keep only ${now}`);
    else if (set[former] && !set[now]) notes.push(`${former} is the former name of ${now}; it is still read, prefer ${now}`);
  }
  const matrixVars = Object.keys(presentEnv(Object.keys(matrixSection.schema.shape), env)).filter((k) => k !== 'MATRIX_HOMESERVER_URL' && k !== 'MATRIX_CRYPTO_NODEJS_PATH');
  if (!set.MATRIX_HOMESERVER_URL && matrixVars.length) notes.push(`${matrixVars.join(', ')} set but MATRIX_HOMESERVER_URL is not: the Matrix channel is off and these are not checked`);
  if (problems.length || !loaded) throw new ConfigError(problems);
  const core = loaded.get('core') as AppConfig;
  const teams = loaded.get('teams') as TeamsConfig;
  return {
    core,
    teams,
    matrix: loaded.get('matrix') as MatrixConfig | undefined,
    http: {
      host: core.HTTP_HOST ?? teams.host,
      port: core.HTTP_PORT ?? teams.port,
      maxBodyBytes: core.HTTP_MAX_BODY_KB * 1024,
      portSetting: set.TEAMS_PORT && !set.HTTP_PORT ? 'TEAMS_PORT' : 'HTTP_PORT',
    },
    notes,
  };
}

/** Starts one channel from the environment, or returns undefined when it is not configured. */
export type ChannelStarter = (app: App, env: Env) => Promise<ChannelAdapter | undefined>;

/** Channel starters, in start order. Each adapter folder exports one. */
export const CHANNEL_STARTERS: { name: string; load: () => Promise<ChannelStarter> }[] = [
  { name: 'teams', load: async () => (await import('../adapters/teams/index.js')).startTeams },
  { name: 'matrix', load: async () => (await import('../adapters/matrix/index.js')).startMatrix },
];

export interface Running {
  adapters: ChannelAdapter[];
  /** Stops every channel (each finishes its work in progress, bounded), last started first. */
  stopChannels(): Promise<void>;
  /** Stops the channels, then closes the app (timers, knowledge watcher, store). */
  stop(): Promise<void>;
}

/** Starts the configured channels (and the console when asked); stops those started if one fails. */
export async function startChannels(app: App, opts: { console: boolean; env?: Env }): Promise<Running> {
  const env = opts.env ?? process.env;
  const adapters: ChannelAdapter[] = [];
  const logger = app.services.logger;
  const stopChannels = async () => {
    for (const a of adapters.splice(0).reverse()) {
      try {
        await a.stop();
      } catch (e) {
        logger.warn({ channel: a.name, err: (e as Error).message }, 'channel stop failed');
      }
    }
  };
  try {
    for (const starter of CHANNEL_STARTERS) {
      const start = await starter.load();
      const adapter = await start(app, env);
      if (adapter) {
        app.router.register(adapter);
        adapters.push(adapter);
        logger.info({ channel: adapter.name }, 'channel started');
      }
    }
    if (opts.console) {
      const consoleAdapter = new ConsoleAdapter();
      app.router.register(consoleAdapter, 'transcript', 'cli');
      await consoleAdapter.start(app.bot);
      adapters.push(consoleAdapter);
    }
  } catch (e) {
    await stopChannels();
    throw e;
  }
  app.startSchedules();
  if (!adapters.length) logger.warn('no channel started: configure Teams or Matrix, or run in a terminal for the console');
  const started = [...adapters];
  let stopped = false;
  return {
    adapters: started,
    stopChannels,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopChannels();
      await app.close();
    },
  };
}

export interface Service {
  app: App;
  http: HttpServer;
  running: Running;
  metrics: PrometheusMetrics;
  readiness: Readiness;
  settings: Settings;
  /** The stopping sequence of src/ops/shutdown.ts (once); resolves when everything is closed. */
  stop(): Promise<{ ms: number; clean: boolean }>;
}

export interface ServiceOptions {
  settings: Settings;
  logger: Logger;
  env?: Env;
  console: boolean;
  /** Creates the app once the HTTP server answers probes (so /readyz says "not loaded yet" meanwhile). */
  createApp(extra: Pick<AppOptions, 'config' | 'logger' | 'metrics' | 'http' | 'enforceLimits'>): App | Promise<App>;
}

/** Everything `charte-ia start` runs, started in order; on failure, what was started is stopped. */
export async function startService(opts: ServiceOptions): Promise<Service> {
  const { settings, logger } = opts;
  const metrics = new PrometheusMetrics();
  const readiness = new Readiness();
  const http = new HttpServer({ ...settings.http, logger });
  let app: App | undefined;
  let started = false;
  readiness.set('startup', () => (http.isDraining ? { ok: false, detail: 'shutting down' } : started ? { ok: true } : { ok: false, detail: 'starting' }));
  readiness.set('knowledge', () => (app ? { ok: true, detail: `${app.knowledge.current().entries.length} FAQ entries` } : { ok: false, detail: 'not loaded yet' }));
  mountProbes(http, readiness, metrics);
  const address = await http.listen();
  logger.info({ url: `http://${address.host}:${address.port}` }, 'http: listening (/healthz, /readyz, /metrics)');
  let running: Running;
  try {
    app = await opts.createApp({ config: settings.core, logger, metrics, http, enforceLimits: true });
    readiness.set('store', storeWritable(app.stores.kv));
    running = await startChannels(app, { console: opts.console, env: opts.env });
  } catch (e) {
    await app?.close().catch(() => undefined);
    await http.close();
    throw e;
  }
  const adapters = running.adapters;
  for (const a of adapters) {
    const status = a.status?.bind(a);
    if (status) readiness.set(a.name, () => {
      const s = status();
      return { ok: s.ready, detail: s.detail };
    });
  }
  metrics.observe({ outgoingQueues: () => Object.fromEntries(adapters.flatMap((a) => (a.status ? [[a.name, a.status().queued ?? 0]] : []))) });
  started = true;
  let stopping: ReturnType<Service['stop']> | undefined;
  const service: Service = { app, http, running, metrics, readiness, settings, stop: () => (stopping ??= stopService(service, logger)) };
  return service;
}
