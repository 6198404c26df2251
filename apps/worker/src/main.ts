import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@onevisit/config';
import { exitOnSignals } from '@onevisit/observability';
import { createWorkerApp } from './create-worker-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  exitOnSignals(app, new Logger('Main'), config.shutdownTimeoutMs);
  new Logger('Main').log('OneVisit worker running');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
