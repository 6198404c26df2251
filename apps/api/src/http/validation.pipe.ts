import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** Flattens nested class-validator errors into `{ field: 'a.b.0.c', message }` lines. */
export function fieldErrorsOf(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/**
 * The global pipe: unknown properties are refused, not silently dropped, and the 400
 * names every bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = fieldErrorsOf(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${fieldErrors.length} invalid field(s): ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}`,
        errors: fieldErrors,
      });
    },
  });
}
