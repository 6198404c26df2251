import { Logger } from '@nestjs/common';
import { type AppConfig, demoAdapterVariables, INTEGRATION_PORTS } from '@onevisit/config';
import type { MetricsService } from './metrics.service.js';

/**
 * Says, in every process at boot and in `/metrics`, which ports run a demo adapter.
 * Production refuses them unless ALLOW_DEMO_ADAPTERS=true (loadConfig); when allowed, an
 * error line at every boot and `onevisit_demo_adapter == 1` (an alert rule) keep anyone
 * from taking the deployment for a working one.
 */
export function reportDemoAdapters(config: AppConfig, metrics: MetricsService): void {
  const demo = demoAdapterVariables(config.integrations);
  metrics.scrapedGauge(
    'onevisit_demo_adapter',
    'Ports to outside systems served by a demo adapter (1) or a real one (0)',
    ['port'],
    (set) => {
      for (const port of Object.values(INTEGRATION_PORTS))
        set({ port }, demo.includes(port) ? 1 : 0);
      return Promise.resolve();
    },
  );
  if (demo.length === 0) return;
  const logger = new Logger('Integrations');
  if (config.production) {
    logger.error(
      `DEMO ADAPTERS IN PRODUCTION (ALLOW_DEMO_ADAPTERS=true): ${demo.join(', ')} send nothing; they record messages in the database, and the demo identity check accepts any well-formed ID number`,
    );
  } else logger.log(`demo adapters (recording, not sending): ${demo.join(', ')}`);
}
