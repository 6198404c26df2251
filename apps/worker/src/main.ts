import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@onevisit/config';
import { exitOnSignals } from '@onevisit/observability';
import { createWorkerApp } from './create-worker-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  exitOnSignals(app, new Logger('Main'), config.shutdownTimeoutMs);
  new Logger('Main').log('OneVisit worker running');
  // A parent that spawned this worker with an IPC channel learns it is ready whatever the log level.
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
