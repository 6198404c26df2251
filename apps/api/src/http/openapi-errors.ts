import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The shape of every error answer: Nest's `HttpException` body. */
export class ErrorBody {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'Not Found' })
  error: string;

  @ApiProperty({ example: 'No case 0b6c…', description: 'Human-readable reason' })
  message: string;
}

export class FieldErrorBody {
  @ApiProperty({ example: 'answers.applicantPhone', description: 'Dotted path of the field' })
  field: string;

  @ApiProperty({ example: 'applicantPhone must be a mobile number' })
  message: string;
}

/** 400: every bad field at once (the global validation pipe). */
export class ValidationErrorBody extends ErrorBody {
  @ApiProperty({ example: 400 })
  declare statusCode: number;

  @ApiProperty({ example: '1 invalid field(s): bundleCode' })
  declare message: string;

  @ApiProperty({ type: [FieldErrorBody] })
  errors: FieldErrorBody[];
}

export class AllowedEventBody {
  @ApiProperty({ example: 'RESUBMIT' })
  type: string;

  @ApiPropertyOptional({ example: 'food-business-licence', description: 'For item events' })
  item?: string;
}

/** 409: the event does not fit the case's state (with the events that do), or a stale version. */
export class ConflictBody extends ErrorBody {
  @ApiProperty({ example: 409 })
  declare statusCode: number;

  @ApiPropertyOptional({ enum: ['event-not-allowed', 'stale-version'] })
  code?: string;

  @ApiPropertyOptional({
    description: "The case's machine state",
    type: 'object',
    additionalProperties: true,
  })
  state?: unknown;

  @ApiPropertyOptional({ type: [AllowedEventBody], description: 'Events the case accepts now' })
  allowed?: AllowedEventBody[];

  @ApiPropertyOptional({ example: 3 })
  expectedVersion?: number;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

const ERRORS: Record<ErrorStatus, { description: string; type: typeof ErrorBody }> = {
  400: { description: 'Invalid input: every bad field is named', type: ValidationErrorBody },
  401: { description: 'No bearer token, or an invalid or expired one', type: ErrorBody },
  403: { description: 'Signed in, but this role or this case is not allowed', type: ErrorBody },
  404: { description: 'No such resource', type: ErrorBody },
  409: {
    description: 'Conflict with the current state; lists the allowed events',
    type: ConflictBody,
  },
  413: { description: 'Body or upload too large', type: ErrorBody },
  429: {
    description: 'Too many requests: slow down and retry after the Retry-After delay',
    type: ErrorBody,
  },
};

/** Documents the error answers a route can give, with their shapes. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...ERRORS[status] })));
}

/** The errors every route behind the bearer token can give. */
export const ApiSignedIn = (...more: ErrorStatus[]) => ApiErrors(401, 403, ...more);
