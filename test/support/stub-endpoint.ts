import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The client certificate's subject CN, on a TLS stub that asks for one. */
  clientCn?: string;
}

/** What the stub answers: a status and JSON body, after an optional delay. */
export interface StubAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A local HTTP(S) server standing in for an outside system in adapter tests: records
 * every request and answers from a script (one answer per request, the last repeats).
 */
export class StubEndpoint {
  readonly requests: StubRequest[] = [];
  private script: StubAnswer[] = [{ status: 200, body: {} }];
  private server!: Server;

  static async start(tls?: ServerOptions): Promise<StubEndpoint> {
    const stub = new StubEndpoint();
    const handler = (request: IncomingMessage, response: import('node:http').ServerResponse) =>
      void stub.handle(request, response);
    stub.server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
    stub.tls = Boolean(tls);
    await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  private tls = false;

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${port}/endpoint`;
  }

  /** The answers to the next requests, in order; the last one repeats. */
  answer(...script: StubAnswer[]): void {
    this.script = script;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(
    request: IncomingMessage,
    response: import('node:http').ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const socket = request.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } };
    const clientCn = socket.getPeerCertificate?.()?.subject?.CN;
    this.requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      body: text ? (JSON.parse(text) as unknown) : null,
      ...(clientCn ? { clientCn } : {}),
    });
    const answer = this.script.length > 1 ? (this.script.shift() as StubAnswer) : this.script[0];
    // Unref: a delay still running when the stub closes keeps no process alive.
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs).unref());
    if (response.destroyed) return;
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      ...(answer.headers ?? {}),
    });
    response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}
