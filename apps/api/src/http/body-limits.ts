import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Largest JSON or form-encoded request body. A bundle definition is the largest thing
 * sent as JSON (tens of kilobytes); uploads are multipart and limited by the materials
 * route itself (UPLOAD_LIMITS). Larger bodies get 413 before any handler runs.
 */
export const BODY_LIMIT = '1mb';

/** Registered before the default parsers, so these limits are the ones that apply. */
export function applyBodyLimits(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  express.use(bodyParseErrors);
}

/**
 * A body the parsers refuse gets the same shape as every other refusal: `errors` names
 * the field (`body`, as a whole) and says why, instead of the parser's bare message.
 */
function bodyParseErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (error as { type?: unknown } | null)?.type;
  const refusal =
    type === 'entity.parse.failed'
      ? {
          statusCode: 400,
          error: 'Bad Request',
          message: 'body: is not a well-formed JSON object or array',
        }
      : type === 'entity.too.large'
        ? {
            statusCode: 413,
            error: 'Payload Too Large',
            message: `body: is larger than ${BODY_LIMIT}`,
          }
        : null;
  if (!refusal) {
    next(error);
    return;
  }
  const [, why] = refusal.message.split(': ');
  res.status(refusal.statusCode).json({ ...refusal, errors: [{ field: 'body', message: why }] });
}
