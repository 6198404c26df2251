import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@onevisit/config';
import { PERSISTENCE_ENTITIES } from './entities/index.js';
import { PERSISTENCE_MIGRATIONS } from './migrations/index.js';

export interface DataSourceExtras {
  /** Extra entities and migrations from other libs (the case engine, later). */
  entities?: DataSourceOptions['entities'];
  migrations?: (new () => unknown)[];
  /** Apply pending migrations when the data source initialises. Default true. */
  migrationsRun?: boolean;
  logging?: boolean;
}

/** Milliseconds a SQLite writer waits for another process's lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * TypeORM options for the configured database. Never `synchronize`: the schema is
 * whatever the migrations make it, on both drivers.
 */
export function dataSourceOptions(
  database: DatabaseConfig,
  extras: DataSourceExtras = {},
): DataSourceOptions {
  const common = {
    entities: [...PERSISTENCE_ENTITIES, ...((extras.entities as []) ?? [])],
    migrations: [...PERSISTENCE_MIGRATIONS, ...(extras.migrations ?? [])],
    migrationsRun: extras.migrationsRun ?? true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: extras.logging ?? false,
  };
  switch (database.type) {
    case 'sqlite':
      mkdirSync(dirname(database.path), { recursive: true });
      return {
        ...common,
        type: 'better-sqlite3',
        database: database.path,
        // WAL: readers in other processes (the CLIs) don't block the server's writer.
        enableWAL: true,
        timeout: SQLITE_BUSY_TIMEOUT_MS,
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          db.pragma('foreign_keys = ON');
          // A commit is on disk before it is answered. better-sqlite3 builds SQLite to open
          // a file already in WAL mode with synchronous=NORMAL (a power cut may undo the
          // last commits), so without this only a new file's first run was durable.
          db.pragma('synchronous = FULL');
        },
      };
    case 'postgres':
      return {
        ...common,
        type: 'postgres',
        url: database.url,
        ...(database.poolSize === undefined ? {} : { poolSize: database.poolSize }),
        ...(database.schema ? { schema: database.schema } : {}),
        extra: {
          // node-postgres pipeline mode: a transaction's writes go out without waiting for
          // each answer (see pipelined-writes.ts). One statement at a time as before otherwise.
          pipeline: true,
          ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}),
        },
      };
  }
}
