import { BadRequestException } from '@nestjs/common';

/** A 400 shaped like the validation pipe's, naming one field. */
export function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `1 invalid field(s): ${field}`,
    errors: [{ field, message }],
  });
}
