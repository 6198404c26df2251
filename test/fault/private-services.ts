import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A redis-server of the test's own, append-only file on, data under `dir`. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        // Every write reaches the file before Redis answers: a SIGKILL loses nothing.
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    await until('redis', () => portAnswers(this.port));
  }

  /** SIGKILL: no shutdown save; only the append-only file brings the data back. */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * A PostgreSQL cluster of the test's own. `initdb` refuses to run as root, so it runs
 * as the `postgres` user when the test is root; the socket lives in the data folder.
 */
export class PrivatePostgres {
  private readonly bin: string;
  private readonly asPostgres: boolean;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    const root = '/usr/lib/postgresql';
    const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
    this.bin = join(root, version ?? '', 'bin');
    this.asPostgres = process.getuid?.() === 0;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(command: string, args: string[]): void {
    const line = [join(this.bin, command), ...args].map((part) => `'${part}'`).join(' ');
    if (this.asPostgres) {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', line], { stdio: 'pipe' });
    } else {
      execFileSync('/bin/sh', ['-c', line], { stdio: 'pipe' });
    }
  }

  init(): void {
    mkdirSync(this.dir, { recursive: true });
    if (this.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(this.dir, uid, gid);
      chmodSync(this.dir, 0o700);
    }
    if (!existsSync(join(this.dir, 'PG_VERSION'))) {
      this.run('initdb', ['-D', this.dir, '-A', 'trust', '-U', 'postgres']);
    }
  }

  async start(): Promise<void> {
    this.run('pg_ctl', [
      '-D',
      this.dir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      '-w',
      'start',
    ]);
    await until('postgres', () => portAnswers(this.port));
  }

  /** Fast shutdown: open connections are cut, as in a restart by an operator. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', 'stop']);
  }

  /** Immediate shutdown: no checkpoint, recovery from the WAL at the next start (a crash). */
  crash(): void {
    this.run('pg_ctl', ['-D', this.dir, '-m', 'immediate', '-w', 'stop']);
  }
}
