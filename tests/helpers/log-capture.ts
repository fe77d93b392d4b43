import pino from 'pino';
import { REDACTED_PATHS, type Logger } from '../../src/logger.js';

/** A JSON log line as pino writes it (level: 30 info, 40 warn, 50 error). */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface CapturedLogs {
  /** Same options as the production logger (redaction included), written to memory. */
  logger: Logger;
  lines: LogLine[];
  /** Each line exactly as it would reach stderr. */
  raw: string[];
  /** Lines at error level or above. */
  errors(): LogLine[];
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = pino(
    { level, base: { app: 'charte-ia-bot' }, redact: { paths: REDACTED_PATHS, censor: '[CENSURÉ]' } },
    {
      write(s: string) {
        raw.push(s);
        lines.push(JSON.parse(s) as LogLine);
      },
    },
  );
  return { logger, lines, raw, errors: () => lines.filter((l) => l.level >= 50) };
}
