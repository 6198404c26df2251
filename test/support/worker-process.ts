import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseConfig } from '@onevisit/config';

/** The built worker entry point (`npm run build`). */
export const WORKER_MAIN = join(process.cwd(), 'dist', 'apps', 'worker', 'src', 'main.js');

/** Builds the deployables, so child processes run the code under test. */
export function buildDist(): void {
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: process.cwd(),
    stdio: 'pipe',
    timeout: 180000,
  });
  if (!existsSync(WORKER_MAIN)) throw new Error(`the build did not produce ${WORKER_MAIN}`);
}

/**
 * `DATABASE_URL` for another process on the same database: the SQLite file, or the
 * PostgreSQL URL with the test's schema as search path.
 */
export function databaseUrlOf(database: DatabaseConfig): string {
  if (database.type === 'sqlite') return `sqlite:${database.path}`;
  if (!database.schema) return database.url;
  const separator = database.url.includes('?') ? '&' : '?';
  return `${database.url}${separator}options=${encodeURIComponent(`-c search_path=${database.schema}`)}`;
}

/** A worker running as its own operating-system process. */
export class WorkerProcess {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Spawns `node dist/apps/worker/src/main.js` and waits until it says it runs. */
  static async start(env: Record<string, string>, timeoutMs = 30000): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + timeoutMs;
    while (!worker.output.includes('worker running')) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await worker.kill();
        throw new Error(`worker did not start:\n${worker.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return worker;
  }

  get log(): string {
    return this.output;
  }

  /** SIGKILL: no shutdown hook runs, locks and in-flight jobs are left as they are. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it does not stop in time; the exit code (null: killed). */
  async stop(timeoutMs = 10000): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
