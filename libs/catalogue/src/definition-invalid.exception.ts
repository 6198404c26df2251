import { BadRequestException } from '@nestjs/common';
import type { DefinitionError } from '@onevisit/definitions';

/** 400 listing every problem of a definition, each with a JSON pointer and reason. */
export class DefinitionInvalidException extends BadRequestException {
  /** `subject` names what was checked: a bundle definition, or a catalogue entry's kind. */
  constructor(
    readonly errors: DefinitionError[],
    subject = 'bundle definition',
  ) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: `The ${subject} has ${errors.length} error(s)`,
      errors,
    });
  }
}
