import { ConfigError, loadConfig } from '@onevisit/config';
import { exitOnSignals } from '@onevisit/observability';
import { Logger } from '@nestjs/common';
import { createApiApp } from './create-api-app.js';

/** The API alone (production): queues and processors run in separate worker processes. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp({ config });
  exitOnSignals(app, new Logger('Main'), config.shutdownTimeoutMs);
  await app.listen(config.port, config.host);
  new Logger('Main').log(
    `OneVisit API listening on ${config.host} port ${config.port}; OpenAPI at /api/docs`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
