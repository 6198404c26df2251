import { BadRequestException } from '@nestjs/common';
import type { DefinitionError } from '@onevisit/definitions';

/** 400 listing every problem of a definition, each with a JSON pointer and reason. */
export class DefinitionInvalidException extends BadRequestException {
  constructor(readonly errors: DefinitionError[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: `The bundle definition has ${errors.length} error(s)`,
      errors,
    });
  }
}
