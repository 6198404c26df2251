import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { fieldError } from '../cases/field-error.js';

/** The largest version a column of SQL type `integer` holds on both databases. */
const MAX_VERSION = 2_147_483_647;

/**
 * A version number in a route or query: a whole number from 1 up to what the column holds.
 * Anything else is a 400 naming the parameter (a huge number would otherwise reach
 * PostgreSQL and fail there).
 */
@Injectable()
export class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const version = /^\d{1,10}$/.test(String(value)) ? Number(value) : NaN;
    if (!(version >= 1 && version <= MAX_VERSION)) {
      throw fieldError(
        metadata.data ?? 'version',
        'must be a version number (a whole number from 1)',
      );
    }
    return version;
  }
}
