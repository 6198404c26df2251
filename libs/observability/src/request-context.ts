import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of one request, or of one job, carries. */
export interface RequestContext {
  requestId: string;
  /** Set while a queue job runs. */
  queue?: string;
  jobName?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` visible to everything it awaits (logs, the outbox writer). */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** A client's id is reused only when it is short and plain, so it cannot forge log lines. */
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

/** The request id to use: the caller's `X-Request-Id` when acceptable, a new UUID otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/** Outbox payloads carry the request id here, so the job that runs later logs it too. */
export const REQUEST_META_KEY = 'meta';

export interface RequestMeta {
  requestId?: string;
}

/** The request id stored in a job's data by the outbox writer, if any. */
export function requestIdOfJobData(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const meta = (data as Record<string, unknown>)[REQUEST_META_KEY];
  if (typeof meta !== 'object' || meta === null) return undefined;
  const id = (meta as RequestMeta).requestId;
  return typeof id === 'string' ? id : undefined;
}
