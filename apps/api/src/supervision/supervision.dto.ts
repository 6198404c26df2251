import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A reporting period of calendar dates, both included; default the last 30 days. */
export class PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-01-31', description: 'Last day (YYYY-MM-DD), included' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
