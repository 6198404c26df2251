import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyRecords } from './idempotency-records.js';

/** `Idempotency-Key` for every controller that marks a route `@Idempotent()`. */
@Global()
@Module({
  providers: [IdempotencyRecords, IdempotencyInterceptor],
  exports: [IdempotencyRecords, IdempotencyInterceptor],
})
export class IdempotencyModule {}
