import type { JobsOptions } from 'bullmq';
import { QueueName } from './job-catalogue.js';

export interface QueueSettings {
  concurrency: number;
  attempts: number;
  /** First retry delay in ms; doubles on each attempt. */
  backoffMs: number;
  /** Seconds to keep finished jobs: long enough that a re-relayed outbox row dedupes. */
  keepCompletedSeconds: number;
  keepFailedSeconds: number;
  /**
   * How long a worker's lock on a running job lasts (renewed while it runs). A job whose
   * worker died (SIGKILL, lost host) is taken over by another worker within about twice this.
   */
  lockMs: number;
}

const DAY = 24 * 3600;

/** Defaults per queue; each number can be overridden by `QUEUE_<NAME>_<SETTING>` in the environment. */
const STANDARD: QueueSettings = {
  concurrency: 10,
  attempts: 5,
  backoffMs: 1000,
  keepCompletedSeconds: DAY,
  keepFailedSeconds: 30 * DAY,
  lockMs: 30000,
};

const DEFAULTS: Record<QueueName, QueueSettings> = {
  [QueueName.Licences]: STANDARD,
  [QueueName.Notifications]: { ...STANDARD, concurrency: 20 },
  // Timers fire once their delay is over: retries only cover a database that is away.
  [QueueName.Timers]: { ...STANDARD, attempts: 10 },
  [QueueName.DataSharing]: { ...STANDARD, backoffMs: 2000 },
  // The supervision platform is outside our control: retry longer, more gently.
  [QueueName.Supervision]: { ...STANDARD, concurrency: 5, attempts: 8, backoffMs: 2000 },
  // Like timers: they fire once their delay is over; retries only cover a database that is away.
  [QueueName.Deadlines]: { ...STANDARD, attempts: 10 },
};

const ENV_KEYS: Record<keyof QueueSettings, string> = {
  concurrency: 'CONCURRENCY',
  attempts: 'ATTEMPTS',
  backoffMs: 'BACKOFF_MS',
  keepCompletedSeconds: 'KEEP_COMPLETED_SECONDS',
  keepFailedSeconds: 'KEEP_FAILED_SECONDS',
  lockMs: 'LOCK_MS',
};

export function queueSettings(
  queue: QueueName,
  env: Record<string, string | undefined> = process.env,
): QueueSettings {
  const settings = { ...DEFAULTS[queue] };
  for (const key of Object.keys(ENV_KEYS) as (keyof QueueSettings)[]) {
    const name = `QUEUE_${queue.toUpperCase().replace(/-/g, '_')}_${ENV_KEYS[key]}`;
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const min = key === 'concurrency' || key === 'attempts' || key === 'lockMs' ? 1 : 0;
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`${name}: must be a whole number ≥ ${min}, got "${raw}"`);
    }
    settings[key] = value;
  }
  return settings;
}

export function jobOptions(queue: QueueName, jobId: string): JobsOptions {
  return jobOptionsOf(queue)(jobId);
}

/**
 * The options of jobs added to `queue` now, by job id: the settings are read from the
 * environment once for a batch of jobs rather than once per job (six `process.env`
 * look-ups each, which cross into C++).
 */
export function jobOptionsOf(queue: QueueName): (jobId: string) => JobsOptions {
  const settings = queueSettings(queue);
  return (jobId) => ({
    jobId,
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: settings.keepCompletedSeconds },
    removeOnFail: { age: settings.keepFailedSeconds },
  });
}

/** BullMQ worker options of a queue's processor: concurrency, and how soon a dead worker's jobs are taken over. */
export function processorOptions(
  queue: QueueName,
  env: Record<string, string | undefined> = process.env,
): {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
} {
  const settings = queueSettings(queue, env);
  return {
    concurrency: settings.concurrency,
    lockDuration: settings.lockMs,
    stalledInterval: settings.lockMs,
  };
}
