import pino, { type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import pretty from 'pino-pretty';
import { createPrivacyShield, type PrivacyShield } from './privacy/shield.js';
import { shieldLogArgs, shieldLogValue } from './privacy/log-shield.js';

export type { Logger };

/**
 * Fields that carry what a user typed or who they are. Only redacted text may be logged (and the
 * text of a turn is not logged at all); these fields are censored anyway, so that a mistake cannot
 * leak a message, a ticket or a name into the logs even in its redacted form.
 */
export const REDACTED_PATHS = [
  'text',
  'rawText',
  'body',
  'question',
  'answer',
  'reply',
  'replies',
  'context',
  'content',
  'value',
  'message.text',
  'msg.text',
  'activity.text',
  'activity.value',
  'activity.from.name',
  'event.content',
  'req.body',
  'user.name',
  'from.name',
  'userName',
  'displayName',
  'agentName',
  'sender',
  'userId',
  'aadObjectId',
  '*.text',
  '*.rawText',
  '*.question',
  '*.answer',
  '*.body',
  '*.content',
  '*.userName',
  '*.displayName',
  '*.agentName',
  '*.userId',
];

export const CENSOR = '[CENSURÉ]';

export interface LoggerOptions {
  level?: string;
  format?: 'auto' | 'json' | 'pretty';
  /** Destination file descriptor: stderr by default, so stdout stays free for JSON output. */
  fd?: number;
  /** A destination stream instead of a file descriptor (JSON lines; tests capture logs with it). */
  destination?: DestinationStream;
  /** The shield applied to every logged string; the one built from the shipped lists by default. */
  shield?: PrivacyShield;
}

/**
 * pino options that keep personal data out of every line: known fields censored (`redact`), and
 * the privacy shield on every other string — message, interpolated values, fields at any depth,
 * child-logger bindings, errors (message, stack, cause).
 */
export function privateLogOptions(shield: PrivacyShield, level: string): PinoOptions {
  return {
    level,
    base: { app: 'charte-ia-bot' },
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    hooks: {
      logMethod(args, method) {
        method.apply(this, shieldLogArgs(shield, args) as Parameters<typeof method>);
      },
    },
    formatters: {
      log: (object) => shieldLogValue(shield, object) as Record<string, unknown>,
      bindings: (bindings) => shieldLogValue(shield, bindings) as Record<string, unknown>,
    },
    // Errors were made plain (and redacted) by the formatter: keep them as they are.
    serializers: { err: (e: unknown) => (e instanceof Error ? shieldLogValue(shield, e) : e) },
  };
}

/**
 * pino applies `formatters.bindings` to the root logger only: child bindings (« logger.child({…}) »)
 * are redacted here, for children of children too (they inherit this method).
 */
function shieldChildBindings(logger: Logger, shield: PrivacyShield): Logger {
  type ChildFn = (this: Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => Logger;
  const child = logger.child as unknown as ChildFn;
  const shielded: ChildFn = function (this, bindings, options) {
    return child.call(this, shieldLogValue(shield, bindings) as pino.Bindings, options);
  };
  logger.child = shielded as unknown as Logger['child'];
  return logger;
}

/** JSON logs in production, pretty logs when writing to a terminal. Always on stderr by default. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const fd = opts.fd ?? 2;
  const isTty = fd === 2 ? process.stderr.isTTY : fd === 1 ? process.stdout.isTTY : false;
  const usePretty = opts.format === 'pretty' || (opts.format !== 'json' && isTty);
  const shield = opts.shield ?? createPrivacyShield();
  const options = privateLogOptions(shield, opts.level ?? 'info');
  let destination: DestinationStream;
  if (opts.destination) destination = opts.destination;
  else if (usePretty) destination = pretty({ destination: fd, sync: true, colorize: isTty, ignore: 'pid,hostname,app' });
  else destination = pino.destination({ fd, sync: true });
  return shieldChildBindings(pino(options, destination), shield);
}

/** A logger that prints nothing (tests, eval). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
