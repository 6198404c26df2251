import { ConfigError } from '@onevisit/config';
import { createWorkerApp } from './create-worker-app.js';

createWorkerApp()
  .then(() => console.log('OneVisit worker running'))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
