import type { Logger } from 'pino';
import type { Service } from '../launcher.js';

/**
 * Graceful shutdown of `charte-ia start`, within SHUTDOWN_GRACE_SECONDS:
 * 1. the HTTP server takes no new work: /api/messages answers 503, /readyz 503 ("shutting down"),
 *    /healthz still 200, each answer closing its connection;
 * 2. each channel stops taking work and finishes its own: Teams unmounts its endpoint, Matrix
 *    stops syncing (events accepted but not answered stay pending for the next start) and lets its
 *    queued messages leave, the console closes;
 * 3. the turns in flight finish, then the server stops listening once the requests in progress are
 *    answered (a Teams turn sends its reply within its request);
 * 4. the app closes: timers, knowledge watcher, then the store (SQLite checkpoints its WAL).
 * Whatever is still running when the grace period ends is abandoned (logged), and closing goes on.
 */
export async function stopService(service: Service, logger: Logger): Promise<{ ms: number; clean: boolean }> {
  const graceMs = service.settings.core.SHUTDOWN_GRACE_SECONDS * 1000;
  const started = performance.now();
  const left = () => Math.max(0, graceMs - (performance.now() - started));
  service.http.drain();
  await service.running.stopChannels();
  const turnsDone = await service.app.bot.idle(left());
  if (!turnsDone) logger.warn({ turns: service.app.bot.inFlight, graceMs }, 'shutdown: turns still in flight after the grace period, abandoned');
  const requestsDone = await service.http.close(left());
  await service.app.close();
  const ms = Math.round(performance.now() - started);
  const clean = turnsDone && requestsDone;
  logger.info({ ms, clean }, 'stopped');
  return { ms, clean };
}

/**
 * Listens for SIGINT and SIGTERM from the very start of `charte-ia start` (without a listener, a
 * signal kills the process at once), so that a signal received while starting still leads to an
 * orderly stop. A second signal exits at once with code 1.
 */
export class SignalLatch {
  /** Resolves with the name of the first signal. */
  readonly first: Promise<string>;
  private received = 0;
  private readonly listener: (signal: NodeJS.Signals) => void;

  constructor(private readonly logger: Logger) {
    let resolve: (signal: string) => void = () => undefined;
    this.first = new Promise((r) => (resolve = r));
    this.listener = (signal) => {
      if (++this.received > 1) {
        this.logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      resolve(signal);
    };
    process.on('SIGINT', this.listener);
    process.on('SIGTERM', this.listener);
  }

  dispose(): void {
    process.off('SIGINT', this.listener);
    process.off('SIGTERM', this.listener);
  }
}

/**
 * Runs until a signal (or until `done` resolves, e.g. the console closed), then stops the service.
 * A shutdown stuck past the grace period plus 5 s exits at once with code 1. Resolves with the exit
 * code: 0 after an orderly shutdown.
 */
export async function runUntilSignal(service: Service, logger: Logger, latch: SignalLatch, done?: Promise<unknown>): Promise<number> {
  const reason = await Promise.race([latch.first, ...(done ? [done.then(() => 'console closed')] : [])]);
  logger.info({ reason }, 'shutting down');
  const watchdog = setTimeout(
    () => {
      logger.error('shutdown did not finish in time: exiting now');
      process.exit(1);
    },
    service.settings.core.SHUTDOWN_GRACE_SECONDS * 1000 + 5_000,
  );
  watchdog.unref();
  try {
    await service.stop();
    return 0;
  } catch (e) {
    logger.error({ err: (e as Error).message, stack: (e as Error).stack }, 'shutdown failed');
    return 1;
  } finally {
    clearTimeout(watchdog);
  }
}
