import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@onevisit/persistence';

/** The scale database: its own, so a million cases never land in a test or dev database. */
export const SCALE_DATABASE_URL =
  process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/onevisit_scale';

/** VAR_DIR of the processes serving the scale database (PII keys live there). */
export const SCALE_VAR_DIR = process.env.VAR_DIR ?? join(process.cwd(), 'var', 'scale');

/** Creates the database of `url` when missing (or drops it first when `fresh`). */
export async function ensureDatabase(url: string, fresh: boolean): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new DataSource({ type: 'postgres', url: admin.toString(), poolSize: 1 });
  await client.initialize();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const found: unknown[] = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      name,
    ]);
    if (found.length === 0) await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.destroy();
  }
}

/** A TypeORM data source on `url` with every migration applied. */
export async function migratedDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions({ type: 'postgres', url }));
  await dataSource.initialize();
  return dataSource;
}
