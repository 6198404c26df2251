import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TASK_STATUSES, type TaskStatus } from '@onevisit/persistence';
import type { TaskOutcome } from '@onevisit/engine';

export const TASK_OUTCOMES: readonly TaskOutcome[] = [
  'done',
  'approve',
  'deny',
  'passed',
  'failed',
];

export class CompleteTaskDto {
  @ApiProperty({ enum: TASK_OUTCOMES, example: 'approve' })
  @IsIn(TASK_OUTCOMES)
  outcome: TaskOutcome;

  /** Required for a denial or a failed post-check. */
  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Required for a denial or a failed post-check',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class TaskQueryDto {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  /** Page size: a work list shows a page, oldest first; 500 rows per request is the cap. */
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
