import type { App } from './app.js';
import type { ChannelAdapter } from './types.js';
import { ConsoleAdapter } from '../adapters/console/console-adapter.js';

/**
 * Composition root of `charte-ia start` / `npm start`: starts every channel whose configuration is
 * present, registers it for proactive messages, runs the reminder and retention timers, and stops
 * everything cleanly on SIGINT / SIGTERM. The only core file (with cli.ts) that knows the adapters.
 */

/** Starts one channel from the environment, or returns undefined when it is not configured. */
export type ChannelStarter = (app: App, env: Record<string, string | undefined>) => Promise<ChannelAdapter | undefined>;

/** Channel starters, in start order. Each adapter folder exports one. */
export const CHANNEL_STARTERS: { name: string; load: () => Promise<ChannelStarter> }[] = [
  // Channel adapters register here (teams, matrix).
  { name: 'teams', load: async () => (await import('../adapters/teams/index.js')).startTeams },
  { name: 'matrix', load: async () => (await import('../adapters/matrix/index.js')).startMatrix },
];

export interface Running {
  adapters: ChannelAdapter[];
  stop(): Promise<void>;
}

export async function startChannels(app: App, opts: { console: boolean; env?: Record<string, string | undefined> }): Promise<Running> {
  const env = opts.env ?? process.env;
  const adapters: ChannelAdapter[] = [];
  for (const starter of CHANNEL_STARTERS) {
    const start = await starter.load();
    const adapter = await start(app, env);
    if (adapter) {
      app.router.register(adapter);
      adapters.push(adapter);
      app.services.logger.info({ channel: adapter.name }, 'channel started');
    }
  }
  app.startSchedules();
  let consoleAdapter: ConsoleAdapter | undefined;
  if (opts.console) {
    consoleAdapter = new ConsoleAdapter();
    app.router.register(consoleAdapter, 'transcript', 'cli');
    await consoleAdapter.start(app.bot);
    adapters.push(consoleAdapter);
  }
  if (!adapters.length) app.services.logger.warn('no channel started: configure Teams or Matrix, or run in a terminal for the console');
  let stopped = false;
  return {
    adapters,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const a of adapters.reverse()) {
        try {
          await a.stop();
        } catch (e) {
          app.services.logger.warn({ channel: a.name, err: (e as Error).message }, 'channel stop failed');
        }
      }
      await app.close();
    },
  };
}

/** Runs until a signal (or, for the console alone, until the user closes it). */
export async function runUntilStopped(app: App, opts: { console: boolean }): Promise<void> {
  const running = await startChannels(app, opts);
  const servers = running.adapters.filter((a) => a.name !== 'console');
  await new Promise<void>((resolve) => {
    const stop = () => void running.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const consoleAdapter = running.adapters.find((a): a is ConsoleAdapter => a instanceof ConsoleAdapter);
    // With no server channel, closing the console ends the program.
    if (consoleAdapter && !servers.length) void consoleAdapter.done().then(stop);
    if (!running.adapters.length) stop();
  });
}
