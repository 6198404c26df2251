import { sleep } from './private-services.js';

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * HTTP to several API replicas, as a load balancer would spread it: requests take turns
 * over the replicas that are up, and a request that gets no answer (a replica killed under
 * it) or a 502/503 is sent again to the next one. Counts answers by status and keeps the
 * commands the APIs accepted, for the auditor.
 */
export class ReplicaClient {
  readonly statuses = new Map<number, number>();
  readonly accepted: { caseId: string; version: number }[] = [];
  started = 0;
  /** Requests sent again to another replica after one gave no answer. */
  retried = 0;
  /** Case starts answered from the Idempotency-Key record (a retry of a start that had committed). */
  replayed = 0;
  private readonly up: boolean[];
  private turn = 0;

  constructor(private readonly ports: number[]) {
    this.up = ports.map(() => true);
  }

  markDown(index: number): void {
    this.up[index] = false;
  }

  markUp(index: number): void {
    this.up[index] = true;
  }

  async waitUntil(condition: () => boolean): Promise<void> {
    while (!condition()) await sleep(200);
  }

  /** Sends to the next replica that is up; on no answer, to the one after, up to 20 times. */
  async send(
    method: string,
    path: string,
    bearer: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer & { replayed: boolean }> {
    for (let attempt = 0; ; attempt += 1) {
      const port = this.nextPort();
      const answer = await this.once(port, method, path, bearer, body, headers);
      if ((answer.status !== 0 && answer.status !== 502 && answer.status !== 503) || attempt >= 20)
        return answer;
      this.retried += 1;
      await sleep(200);
    }
  }

  /** Starts a case with an Idempotency-Key, so a retry on another replica starts it once. */
  async startCase(bearer: string, body: unknown, key: string): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const answer = await this.send('POST', '/cases', bearer, body, { 'Idempotency-Key': key });
      if (answer.status === 201) {
        this.started += 1;
        if (answer.replayed) this.replayed += 1;
        return (answer.body as { id: string }).id;
      }
      await sleep(500);
    }
    throw new Error('could not start a case');
  }

  /** One request to replica `index`, no retry. */
  sendTo(
    index: number,
    method: string,
    path: string,
    bearer: string,
    body?: unknown,
  ): Promise<Answer & { replayed: boolean }> {
    return this.once(this.ports[index] ?? 0, method, path, bearer, body, {});
  }

  /** The base URL of replica `index`. */
  urlOf(index: number): string {
    return `http://127.0.0.1:${this.ports[index] ?? 0}`;
  }

  private nextPort(): number {
    for (let n = 0; n < this.ports.length; n += 1) {
      this.turn = (this.turn + 1) % this.ports.length;
      if (this.up[this.turn]) return this.ports[this.turn] ?? 0;
    }
    return this.ports[0] ?? 0;
  }

  private async once(
    port: number,
    method: string,
    path: string,
    bearer: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<Answer & { replayed: boolean }> {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      this.count(response.status);
      const parsed: unknown = text ? JSON.parse(text) : null;
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      if (response.ok && method === 'POST') this.recordAccepted(parsed);
      return { status: response.status, body: parsed, replayed };
    } catch {
      this.count(0);
      return { status: 0, body: null, replayed: false };
    }
  }

  private count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  private recordAccepted(body: unknown): void {
    const view = (body as { case?: unknown })?.case ?? body;
    const candidate = view as { id?: unknown; version?: unknown };
    if (typeof candidate?.id === 'string' && typeof candidate.version === 'number') {
      this.accepted.push({ caseId: candidate.id, version: candidate.version });
    }
  }
}
