import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * Paths that could carry what a user typed. Only redacted text may be logged, and only at debug level;
 * these paths are censored anyway so that a mistake cannot leak raw personal data into logs.
 */
export const REDACTED_PATHS = ['text', 'rawText', 'message.text', 'msg.text', 'body', 'question', '*.rawText'];

export interface LoggerOptions {
  level?: string;
  format?: 'auto' | 'json' | 'pretty';
  /** Destination file descriptor: stderr by default, so stdout stays free for JSON output. */
  fd?: number;
  /** A destination stream instead of a file descriptor (JSON lines; tests capture logs with it). */
  destination?: DestinationStream;
}

/** JSON logs in production, pretty logs when writing to a terminal. Always on stderr by default. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const fd = opts.fd ?? 2;
  const isTty = fd === 2 ? process.stderr.isTTY : fd === 1 ? process.stdout.isTTY : false;
  const usePretty = opts.format === 'pretty' || (opts.format !== 'json' && isTty);
  const options = {
    level: opts.level ?? 'info',
    base: { app: 'charte-ia-bot' },
    redact: { paths: REDACTED_PATHS, censor: '[CENSURÉ]' },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (usePretty) return pino(options, pretty({ destination: fd, sync: true, colorize: isTty, ignore: 'pid,hostname,app' }));
  return pino(options, pino.destination({ fd, sync: true }));
}

/** A logger that prints nothing (tests, eval). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
