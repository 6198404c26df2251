import {
  type ArgumentMetadata,
  BadRequestException,
  Injectable,
  ParseUUIDPipe,
  type PipeTransform,
} from '@nestjs/common';
import { fieldError } from '../cases/field-error.js';

/**
 * Nest's `ParseUUIDPipe`, with its refusal in the API's shape: a 400 that names the
 * route parameter (`errors: [{ field: 'id', … }]`) instead of "Validation failed (uuid
 * is expected)".
 */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe();

  async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      await this.uuid.transform(value, metadata);
      return value;
    } catch (error) {
      if (!(error instanceof BadRequestException)) throw error;
      throw fieldError(metadata.data ?? 'parameter', 'must be a UUID');
    }
  }
}
