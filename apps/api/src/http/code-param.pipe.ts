import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { CODE_PATTERN } from '@onevisit/definitions';
import { fieldError } from '../cases/field-error.js';

/**
 * A catalogue or bundle code in a route: lowercase kebab-case, at most 64 characters (the
 * column's size). Anything else is a 400 naming the parameter, before any lookup.
 */
@Injectable()
export class CodeParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || value.length > 64 || !CODE_PATTERN.test(value)) {
      throw fieldError(
        metadata.data ?? 'code',
        'must be a lowercase kebab-case code (at most 64 characters)',
      );
    }
    return value;
  }
}
