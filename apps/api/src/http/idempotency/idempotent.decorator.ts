import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IdempotencyInterceptor, IDEMPOTENCY_HEADER } from './idempotency.interceptor.js';

/**
 * A creating route that honours `Idempotency-Key`: the same key with the same request
 * answers the first answer (and makes nothing new); the same key with another request is
 * refused with 422. Documented in the OpenAPI document on each such route.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'A key of your choosing (1–255 visible ASCII characters, e.g. a UUID) that makes a retry safe: the same key and request within 24 hours answers the first answer (header `Idempotent-Replayed: true`) and creates nothing new',
      schema: { type: 'string', maxLength: 255, example: '5f0c7d3e-8a1b-4c2d-9e6f-0a1b2c3d4e5f' },
    }),
    ApiResponse({
      status: 422,
      description: 'The Idempotency-Key was already used with another request',
    }),
  );
}
