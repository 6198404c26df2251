/**
 * Ceiling 1: raw PostgreSQL transactions of the engine's shape — an optimistic
 * `UPDATE … WHERE version = $n` plus an `INSERT` of an event — with 20 concurrent clients
 * through `pg`, no ORM, no machine. What the engine does per transition is this and more.
 */
import pg from 'pg';
import { percentile, rate } from '../stats.js';

export interface PgCeiling {
  txPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  transactions: number;
}

export async function measurePgCeiling(url: string, durationMs = 5000): Promise<PgCeiling> {
  const concurrency = 20;
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const table = `bench_ceiling_${process.pid}`;
  try {
    await pool.query(
      `CREATE TABLE ${table}_case (id int PRIMARY KEY, version int NOT NULL, snapshot jsonb NOT NULL)`,
    );
    await pool.query(
      `CREATE TABLE ${table}_event (id bigserial PRIMARY KEY, case_id int NOT NULL, seq int NOT NULL, payload jsonb NOT NULL, UNIQUE (case_id, seq))`,
    );
    await pool.query(
      `INSERT INTO ${table}_case SELECT g, 1, '{"value":{}}'::jsonb FROM generate_series(1, ${concurrency * 50}) g`,
    );
    const latencies: number[] = [];
    const deadline = Date.now() + durationMs;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, lane) => {
        const client = await pool.connect();
        const versions = new Map<number, number>();
        try {
          for (let i = 0; Date.now() < deadline; i++) {
            const id = lane * 50 + (i % 50) + 1;
            const version = versions.get(id) ?? 1;
            const t0 = performance.now();
            await client.query('BEGIN');
            const updated = await client.query(
              `UPDATE ${table}_case SET snapshot = $1, version = version + 1 WHERE id = $2 AND version = $3`,
              [JSON.stringify({ value: { step: i } }), id, version],
            );
            if (updated.rowCount !== 1) throw new Error(`lost update on ${id}`);
            await client.query(
              `INSERT INTO ${table}_event (case_id, seq, payload) VALUES ($1, $2, $3)`,
              [id, version + 1, JSON.stringify({ type: 'STEP', i })],
            );
            await client.query('COMMIT');
            latencies.push(performance.now() - t0);
            versions.set(id, version + 1);
          }
        } finally {
          client.release();
        }
      }),
    );
    const elapsed = Date.now() - started;
    return {
      txPerSecond: rate(latencies.length, elapsed),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      transactions: latencies.length,
    };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}_event, ${table}_case`).catch(() => undefined);
    await pool.end();
  }
}
