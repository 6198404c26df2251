import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { errorCodes } from 'fastify';
import type { FastifyReply } from 'fastify';
import { BODY_LIMIT_BYTES } from './http-adapter.js';

const REFUSALS = [
  {
    type: errorCodes.FST_ERR_CTP_INVALID_JSON_BODY,
    statusCode: 400,
    error: 'Bad Request',
    why: 'is not a well-formed JSON object or array',
  },
  {
    type: errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH,
    statusCode: 400,
    error: 'Bad Request',
    why: 'is not as long as its Content-Length says',
  },
  {
    type: errorCodes.FST_ERR_CTP_BODY_TOO_LARGE,
    statusCode: 413,
    error: 'Payload Too Large',
    why: `is larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MB`,
  },
  {
    type: errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE,
    statusCode: 415,
    error: 'Unsupported Media Type',
    why: 'has a content type this API does not read: send application/json (or multipart/form-data where a route takes files)',
  },
] as const;

/**
 * A body that Fastify refuses before any handler runs gets the same shape as every
 * other refusal: `errors` names the field (`body`, as a whole) and says why, instead of
 * Fastify's own message. Nest's Fastify adapter hands such errors on as an
 * HttpException whose `cause` is Fastify's error; every other HttpException gets Nest's
 * usual answer.
 */
@Catch(HttpException)
export class BodyRefusalFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const refusal = REFUSALS.find((candidate) => exception.cause instanceof candidate.type);
    if (!refusal) {
      super.catch(exception, host);
      return;
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    void reply.status(refusal.statusCode).send({
      statusCode: refusal.statusCode,
      error: refusal.error,
      message: `body: ${refusal.why}`,
      errors: [{ field: 'body', message: refusal.why }],
    });
  }
}
