import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: close the app (HTTP stops accepting, workers drain, relay stops,
 * queues, Redis and the database close), then exit 0; exit 1 if closing fails or takes
 * longer than `timeoutMs` plus a margin. A second signal exits at once.
 * Used instead of Nest's `enableShutdownHooks`, which re-raises the signal, so the
 * process would end "killed by SIGTERM" rather than with a clean exit code.
 */
export function exitOnSignals(
  app: INestApplicationContext,
  logger: LoggerService,
  timeoutMs: number,
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal}: shutting down`);
    const guard = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs + 5000} ms: exiting`);
      process.exit(1);
    }, timeoutMs + 5000);
    guard.unref();
    app.close().then(
      () => {
        logger.log('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
