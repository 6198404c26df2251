import {
  type CallHandler,
  ConflictException,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { CalendarGapError } from '@onevisit/calendar';

/**
 * A command whose due date falls in a year without calendar data is refused with 409
 * "no calendar for 2027" (its transaction rolled back, nothing written) and logged, so
 * that an admin loads the year; the engine never falls back to guessing weekdays.
 * An interceptor, not a filter, so that no catch-all filter can turn it into a 500.
 */
@Injectable()
export class CalendarGapInterceptor implements NestInterceptor {
  private readonly logger = new Logger(CalendarGapInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof CalendarGapError)) return throwError(() => error);
        const request = context.switchToHttp().getRequest<{ method?: string; url?: string }>();
        this.logger.warn(
          `${request.method ?? ''} ${request.url ?? ''} refused: ${error.message} (region ${error.region}); import that year's calendar`,
        );
        return throwError(
          () =>
            new ConflictException({
              statusCode: 409,
              error: 'Conflict',
              message: error.message,
              year: error.year,
              region: error.region,
            }),
        );
      }),
    );
  }
}
