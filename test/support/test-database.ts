import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@onevisit/config';

export interface TestDatabase {
  database: DatabaseConfig;
  /** A scratch directory for VAR_DIR and the like. */
  dir: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per test file: a temporary SQLite file by default, or its own
 * PostgreSQL schema when DATABASE_URL is set, so files never see each other's rows.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `onevisit-${label}-`));
  const url = process.env.DATABASE_URL;
  if (!url) {
    return {
      database: { type: 'sqlite', path: join(dir, 'test.sqlite') },
      dir,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const schema = `e2e_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    database: { type: 'postgres', url, schema },
    dir,
    drop: async () => {
      await withClient(url, (client) => client.query(`DROP SCHEMA "${schema}" CASCADE`));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient(
  url: string,
  work: (client: DataSource) => Promise<unknown>,
): Promise<void> {
  const client = new DataSource({ type: 'postgres', url, poolSize: 1 });
  await client.initialize();
  try {
    await work(client);
  } finally {
    await client.destroy();
  }
}
