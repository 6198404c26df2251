import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
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
  @IsIn(TASK_OUTCOMES)
  outcome: TaskOutcome;

  /** Required for a denial or a failed post-check. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class TaskQueryDto {
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
}
