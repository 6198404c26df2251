import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { errorCodes } from 'fastify';
import type { FastifyReply } from 'fastify';
// The messages Nest's multipart interceptor answers refused uploads with. Internal to the
// package (pinned), read rather than copied; test/ops/http-answers.e2e-spec.ts checks them.
import {
  busboyExceptions,
  multerExceptions,
} from '@nestjs/platform-fastify/multipart/multipart/multipart.constants.js';
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

/** Upload refusals about the file itself; every other one is about the form as a whole. */
const FILE_LEVEL = new Set<string>([
  multerExceptions.LIMIT_FILE_SIZE,
  multerExceptions.LIMIT_FILE_COUNT,
]);
const UPLOAD_MESSAGES = new Set<string>([
  ...Object.values(multerExceptions),
  ...Object.values(busboyExceptions),
]);

/**
 * The answer to an upload refusal, or undefined when the exception is not one. Nest
 * appends the offending field's name to some messages ("Unexpected file field - x").
 */
function uploadRefusal(
  exception: HttpException,
): { statusCode: number; error: string; field: string; why: string } | undefined {
  const message = exception.getResponse();
  const text =
    typeof message === 'object' && message !== null
      ? (message as { message?: unknown }).message
      : message;
  if (typeof text !== 'string') return undefined;
  const [known, field] = text.split(' - ');
  if (!UPLOAD_MESSAGES.has(known)) return undefined;
  const why = known.replace(/^Multipart: /, '').toLowerCase();
  const statusCode = exception.getStatus();
  const error = statusCode === 413 ? 'Payload Too Large' : 'Bad Request';
  return { statusCode, error, field: field ?? (FILE_LEVEL.has(known) ? 'file' : 'body'), why };
}

/**
 * A body that Fastify refuses before any handler runs gets the same shape as every
 * other refusal: `errors` names the field (`body`, as a whole) and says why, instead of
 * Fastify's own message. Nest's Fastify adapter hands such errors on as an
 * HttpException whose `cause` is Fastify's error. Uploads that Nest's multipart
 * interceptor refuses (a file over the route's limit, an unexpected file field, a broken
 * form) get the same shape, naming the field. Every other HttpException gets Nest's usual
 * answer.
 */
@Catch(HttpException)
export class BodyRefusalFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    const body = REFUSALS.find((candidate) => exception.cause instanceof candidate.type);
    const refusal = body
      ? { statusCode: body.statusCode, error: body.error, field: 'body', why: body.why }
      : uploadRefusal(exception);
    if (!refusal) {
      super.catch(exception, host);
      return;
    }
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    void reply.status(refusal.statusCode).send({
      statusCode: refusal.statusCode,
      error: refusal.error,
      message: `${refusal.field}: ${refusal.why}`,
      errors: [{ field: refusal.field, message: refusal.why }],
    });
  }
}
