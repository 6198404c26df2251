import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@onevisit/config';
import { exitOnSignals } from '@onevisit/observability';
import { QueuesModule } from '@onevisit/queues';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { createApiApp } from './create-api-app.js';

/**
 * The embedded default: API and worker in one process sharing one database connection
 * (two connections to one SQLite file would block each other; see the transaction helper).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp({ config, imports: [QueuesModule.forRoot(), WorkerModule] });
  exitOnSignals(app, new Logger('Main'), config.shutdownTimeoutMs);
  await app.listen(config.port, config.host);
  new Logger('Main').log(
    `OneVisit (API + worker) listening on http://localhost:${config.port}; OpenAPI at /api/docs; health at /health; metrics at /metrics; queue dashboard at /admin/queues; Redis ${config.redisUrl}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
