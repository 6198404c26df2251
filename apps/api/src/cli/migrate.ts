import { loadConfig } from '@onevisit/config';
import { openDataSource, runCli } from './cli-support.js';

/** Applies pending migrations; fails (exit 1) if any migration fails. */
runCli(async () => {
  const dataSource = await openDataSource(loadConfig(), false);
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length > 0
        ? applied.map((m) => `applied ${m.name}`).join('\n')
        : 'no pending migrations',
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
});
