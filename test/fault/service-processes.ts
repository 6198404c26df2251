import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { portAnswers, sleep } from './private-services.js';

/** Runs `work` over `items`, `size` at a time. */
export async function inBatches<T>(
  items: T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        await work(item);
      }
    }),
  );
}

/** Starts a built entry point; ready when its log says `ready`, or when it listens on port `ready`. */
export async function startNode(
  main: string,
  env: Record<string, string>,
  ready: string | number,
  logFile?: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    file?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + 60_000;
  const isReady = async () =>
    typeof ready === 'number' ? portAnswers(ready) : output.includes(ready);
  while (!(await isReady())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${main} did not start:\n${output}`);
    }
    await sleep(100);
  }
  return child;
}

/** Lines of a process's log that are not JSON log lines (raw stacks, stray prints). */
export function linesOutsideJson(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('{'))
    .map((line) => line.slice(0, 300));
}
