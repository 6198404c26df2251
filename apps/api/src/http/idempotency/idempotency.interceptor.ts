import { createHash } from 'node:crypto';
import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { canonicalJson } from '@onevisit/definitions';
import { OutboxPing, OutboxRelay } from '@onevisit/queues';
import { IdempotencyRecords, type StoredAnswer } from './idempotency-records.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Visible ASCII, as the IETF draft's examples and every client library use. */
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

type KeyedRequest = FastifyRequest & { identity?: { sub?: string } };

/**
 * `Idempotency-Key` on a creating route (see `@Idempotent()`). The handler runs inside
 * one database transaction that also stores its answer under the key, so the answer is
 * stored exactly when the request's writes are: a process killed after the commit leaves
 * an answer to replay, one killed before leaves nothing, and a retry runs afresh. Two
 * requests with one key at once: the second's insert waits for the first's commit, fails
 * on the key, rolls its own writes back and answers the first's answer.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRecords,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly ping?: OutboxPing,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    const principal = request.identity?.sub;
    // Keys belong to a signed-in client; without one there is nobody to replay to.
    if (key === undefined || !principal) return next.handle();
    if (!ACCEPTABLE_KEY.test(key)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${IDEMPOTENCY_HEADER} must be 1–255 visible ASCII characters`,
        errors: [{ field: IDEMPOTENCY_HEADER, message: 'must be 1–255 visible ASCII characters' }],
      });
    }
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const fingerprint = createHash('sha256')
      .update(canonicalJson({ route, params: request.params ?? {}, body: request.body ?? null }))
      .digest('hex');
    const statusCode =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const identity = { principal, key, route, fingerprint };
    return from(
      (async () => {
        const earlier = await this.records.find(principal, key);
        if (earlier) return this.replay(earlier, fingerprint, reply);
        const outcome = await this.records.runStoring(identity, statusCode, () =>
          // Called inside the transaction: the handler's writes join it.
          lastValueFrom(next.handle() as Observable<unknown>, { defaultValue: undefined }),
        );
        if (outcome.kind === 'taken') return this.replay(outcome.earlier, fingerprint, reply);
        // The handler's own wake-up ran before this commit; wake the relays now.
        if (!this.relay?.kick()) this.ping?.publish();
        return outcome.value;
      })(),
    );
  }

  private replay(earlier: StoredAnswer, fingerprint: string, reply: FastifyReply): unknown {
    if (earlier.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `${IDEMPOTENCY_HEADER} was already used with another request; use a new key for a new request`,
        errors: [{ field: IDEMPOTENCY_HEADER, message: 'already used with another request' }],
      });
    }
    void reply.header('Idempotent-Replayed', 'true');
    return earlier.body;
  }
}
