import { LogLevel, LogService } from 'matrix-bot-sdk';
import type { Logger } from 'pino';

/**
 * matrix-bot-sdk logs through a global LogService (to the console by default, request bodies at
 * trace level). Route it to the project's logger at debug level, first line only: the adapter logs
 * what matters itself, and no message content can reach the logs this way.
 */
export function bridgeSdkLogs(logger: Logger): void {
  const line = (module: string, args: unknown[]) => {
    const first = args.find((a) => typeof a === 'string') as string | undefined;
    return { module, msg: (first ?? (args[0] instanceof Error ? args[0].message : '')).split('\n')[0]!.slice(0, 200) };
  };
  const sink = (module: string, ...args: unknown[]) => {
    const { msg, ...rest } = line(module, args);
    logger.debug({ sdk: rest.module }, `matrix-bot-sdk: ${msg}`);
  };
  LogService.setLevel(LogLevel.WARN);
  LogService.setLogger({ info: sink, warn: sink, error: sink, debug: sink, trace: sink });
}
