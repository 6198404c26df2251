import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpAdapterSettings } from '@onevisit/config';

/** Largest answer read from an endpoint; the contracts' answers are a few hundred bytes. */
const MAX_ANSWER_BYTES = 64 * 1024;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

/** An endpoint's answer: its status and its body parsed as JSON (null when empty or not JSON). */
export interface EndpointAnswer {
  status: number;
  body: unknown;
}

/** The endpoint refused the message for good (a 4xx other than 409, 408 and 429). */
export class EndpointRefused extends Error {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${endpoint} refused the message: ${status} ${detail}`.trim());
    this.name = 'EndpointRefused';
  }
}

/** Every attempt failed on the network, timed out, or got 429/5xx. */
export class EndpointUnavailable extends Error {
  constructor(
    readonly endpoint: string,
    attempts: number,
    reason: string,
  ) {
    super(`${endpoint} did not answer after ${attempts} attempt(s): ${reason}`);
    this.name = 'EndpointUnavailable';
  }
}

/**
 * One outside system's HTTP endpoint: JSON `POST`s with the message id as
 * `Idempotency-Key`, a bearer token when configured, a timeout per attempt, retries
 * with exponential backoff on transient failures, and TLS settings (a CA bundle, a client
 * certificate) from files. Built on `node:http(s)` so that the TLS options apply to this
 * endpoint alone.
 */
export class JsonEndpoint {
  private readonly url: URL;
  private readonly agent: HttpAgent;

  constructor(
    private readonly name: string,
    private readonly settings: HttpAdapterSettings,
  ) {
    this.url = new URL(settings.url);
    this.agent =
      this.url.protocol === 'https:'
        ? new HttpsAgent({
            keepAlive: true,
            ...(settings.caFile ? { ca: readFileSync(settings.caFile) } : {}),
            ...(settings.certFile ? { cert: readFileSync(settings.certFile) } : {}),
            ...(settings.keyFile ? { key: readFileSync(settings.keyFile) } : {}),
          })
        : new HttpAgent({ keepAlive: true });
  }

  /**
   * Posts `body`; resolves with the first answer that is 2xx or 409 (the endpoint already
   * has this message id: the contracts treat that as done). Throws `EndpointRefused` on
   * another 4xx, `EndpointUnavailable` once the retries are spent.
   */
  async post(idempotencyKey: string, body: unknown): Promise<EndpointAnswer> {
    const payload = Buffer.from(JSON.stringify(body));
    const attempts = this.settings.retries + 1;
    let reason = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      let retryAfterMs: number | undefined;
      try {
        const answer = await this.attempt(idempotencyKey, payload);
        if ((answer.status >= 200 && answer.status < 300) || answer.status === 409) return answer;
        if (answer.status !== 408 && answer.status !== 429 && answer.status < 500) {
          throw new EndpointRefused(this.name, answer.status, detailOf(answer.body));
        }
        reason = `answered ${answer.status}`;
        retryAfterMs = answer.retryAfterMs;
      } catch (error) {
        if (error instanceof EndpointRefused) throw error;
        reason = error instanceof Error ? error.message : String(error);
      }
      if (attempt < attempts) await sleep(backoff(attempt, retryAfterMs));
    }
    throw new EndpointUnavailable(this.name, attempts, reason);
  }

  /** Closes idle keep-alive sockets (on shutdown). */
  close(): void {
    this.agent.destroy();
  }

  private attempt(
    idempotencyKey: string,
    payload: Buffer,
  ): Promise<EndpointAnswer & { retryAfterMs?: number }> {
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.settings.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': payload.length,
            accept: 'application/json',
            'idempotency-key': idempotencyKey,
            'user-agent': 'OneVisit',
            ...(this.settings.token ? { authorization: `Bearer ${this.settings.token}` } : {}),
          },
        },
        (response) => {
          readAnswer(response).then(resolve, reject);
        },
      );
      // The socket timeout covers a silent endpoint; the deadline covers a slow trickle.
      const deadline = setTimeout(
        () => request.destroy(new Error(`timed out after ${this.settings.timeoutMs} ms`)),
        this.settings.timeoutMs,
      );
      request.on('close', () => clearTimeout(deadline));
      request.on('timeout', () =>
        request.destroy(new Error(`timed out after ${this.settings.timeoutMs} ms`)),
      );
      request.on('error', reject);
      request.end(payload);
    });
  }
}

function readAnswer(
  response: IncomingMessage,
): Promise<EndpointAnswer & { retryAfterMs?: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) {
        response.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', reject);
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const retryAfter = Number(response.headers['retry-after']);
      resolve({
        status: response.statusCode ?? 0,
        body: parsedOrNull(text),
        ...(Number.isFinite(retryAfter) && retryAfter >= 0
          ? { retryAfterMs: retryAfter * 1000 }
          : {}),
      });
    });
  });
}

function parsedOrNull(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function detailOf(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) {
    return String(body.message).slice(0, 200);
  }
  return '';
}

/** 250 ms, 500 ms, 1 s … capped at 5 s; an endpoint's own `Retry-After` (capped too) wins. */
function backoff(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_BACKOFF_MS);
  return Math.min(FIRST_BACKOFF_MS * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
