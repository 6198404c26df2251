import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

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
}
