/**
 * Records every unhandled rejection and uncaught exception while a fuzz run is going on (vitest
 * would report them too, but after the fact and without the seed).
 */
export interface ProcessWatch {
  readonly problems: string[];
  stop(): void;
}

export function watchProcess(): ProcessWatch {
  const problems: string[] = [];
  const onRejection = (reason: unknown) => problems.push(`unhandledRejection: ${(reason as Error)?.stack ?? String(reason)}`.slice(0, 2_000));
  const onException = (error: Error) => problems.push(`uncaughtException: ${error?.stack ?? String(error)}`.slice(0, 2_000));
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    problems,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
