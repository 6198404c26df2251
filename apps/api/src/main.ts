import { ConfigError, loadConfig } from '@onevisit/config';
import { createApiApp } from './create-api-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp({ config });
  await app.listen(config.port);
  console.log(`OneVisit API listening on port ${config.port}; OpenAPI at /api/docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
