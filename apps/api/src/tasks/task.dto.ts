import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CODE_PATTERN } from '@onevisit/definitions';
import { TASK_STATUSES, type TaskStatus } from '@onevisit/persistence';
import { TASK_KINDS, type TaskOutcome, type WorkListOrder } from '@onevisit/engine';

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

  @ApiPropertyOptional({ enum: TASK_KINDS, description: 'Only tasks of this kind' })
  @IsOptional()
  @IsIn(TASK_KINDS)
  kind?: string;

  @ApiPropertyOptional({
    example: 'open-a-restaurant',
    description: 'Only tasks of cases of this bundle',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CODE_PATTERN, { message: 'bundle must be a bundle code (lowercase kebab-case)' })
  bundle?: string;

  @ApiPropertyOptional({
    enum: ['created', 'due'],
    default: 'created',
    description: 'created: oldest first; due: earliest due date first (tasks without one last)',
  })
  @IsOptional()
  @IsIn(['created', 'due'])
  sort?: WorkListOrder;

  /** Page size: a work list shows a page, oldest first; 500 rows per request is the cap. */
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
