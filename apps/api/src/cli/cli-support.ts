import 'reflect-metadata';
import { isAbsolute, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { type AppConfig, ConfigError } from '@onevisit/config';
import { dataSourceOptions } from '@onevisit/persistence';

/** The `workflows/` directory: first CLI argument, else `./workflows`. */
export function workflowsRoot(argument: string | undefined = process.argv[2]): string {
  if (!argument) return join(process.cwd(), 'workflows');
  return isAbsolute(argument) ? argument : resolve(process.cwd(), argument);
}

export async function openDataSource(config: AppConfig, migrationsRun = true): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config.database, { migrationsRun }));
  await dataSource.initialize();
  return dataSource;
}

/** Runs a CLI body; configuration errors print their list, anything else its stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
