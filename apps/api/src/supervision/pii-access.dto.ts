import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isIsoDate } from '@onevisit/calendar';

/**
 * A real calendar day `YYYY-MM-DD` (no 2026-02-30) from 1970 to 9998: the log holds no
 * earlier reads, and the day after the last one must still be a date both databases take.
 */
const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isIsoDate(value) && value >= '1970' && value < '9999',
      defaultMessage: (args) =>
        `${args?.property ?? 'date'} must be a date YYYY-MM-DD between 1970 and 9998`,
    },
  });

export class PiiAccessQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only reads of this case' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ maxLength: 128, description: 'Only reads by this subject' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  reader?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Only reads by staff of this department' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  department?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'First day (YYYY-MM-DD, Beijing time)',
  })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (YYYY-MM-DD), included' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
