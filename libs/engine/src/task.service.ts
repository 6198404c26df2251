import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseEvent } from '@onevisit/definitions';
import type { Identity } from '@onevisit/auth';
import { TaskEntity, TransactionRunner } from '@onevisit/persistence';
import { CaseService } from './case.service.js';
import type { CaseView } from './case-view.js';
import { taskReadsOf, type WorkListFilter, type WorkListOrder } from './task-reads.js';

export type TaskOutcome = 'done' | 'approve' | 'deny' | 'passed' | 'failed';

/** The machine event that completing a task of `kind` with `outcome` sends, or why none. */
export function eventOfTask(
  task: Pick<TaskEntity, 'kind' | 'item'>,
  outcome: TaskOutcome,
  reason?: string,
): CaseEvent | null | string {
  const item = task.item ?? '';
  switch (`${task.kind}:${outcome}`) {
    case 'review:done':
      return { type: 'REVIEW_DONE', item };
    case 'procedure:done':
      return { type: 'PROCEDURE_DONE', item };
    case 'decision:approve':
      return { type: 'APPROVE', item };
    case 'decision:deny':
      return reason ? { type: 'DENY', item, reason } : 'a denial needs a reason';
    case 'post-check:passed':
      return { type: 'POST_CHECK_PASSED', item };
    case 'post-check:failed':
      return reason
        ? { type: 'POST_CHECK_FAILED', item, reason }
        : 'a failed post-check needs a reason';
    case 'rating-follow-up:done':
      return null;
    default:
      return `a ${task.kind} task cannot be completed with ${outcome}`;
  }
}

/** Officers' work lists: tasks of their department, claimed and completed through the API. */
@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseService,
  ) {}

  /**
   * A page of the department's work list, oldest first. The page is small by default:
   * a busy department has tens of thousands of open tasks, and serialising 500 of them
   * on every refresh is what made the list slow, not the (indexed) query.
   */
  list(
    department: string,
    filter: WorkListFilter = {},
    limit = 50,
    order: WorkListOrder = 'created',
  ): Promise<TaskEntity[]> {
    return taskReadsOf(this.dataSource).workList(
      department,
      filter,
      Math.min(Math.max(limit, 1), 500),
      order,
    );
  }

  async get(taskId: string, identity: Identity): Promise<TaskEntity> {
    const task = await this.dataSource.manager.findOneBy(TaskEntity, { id: taskId });
    if (!task) throw new NotFoundException(`No task ${taskId}`);
    if (task.department !== identity.department) {
      throw new ForbiddenException(`Task ${taskId} belongs to department ${task.department}`);
    }
    return task;
  }

  /** Claims an open task (or re-claims one's own); 409 when someone else holds it or it is closed. */
  async claim(taskId: string, identity: Identity): Promise<TaskEntity> {
    await this.get(taskId, identity);
    return this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ status: 'claimed', claimedBy: identity.sub })
        .where("id = :id AND (status = 'open' OR (status = 'claimed' AND claimed_by = :sub))", {
          id: taskId,
          sub: identity.sub,
        })
        .execute();
      if (result.affected !== 1) throw new ConflictException(`Task ${taskId} is not open`);
      return manager.findOneByOrFail(TaskEntity, { id: taskId });
    });
  }

  /** Gives a claimed task back to the department's list; only the officer holding it may (else 409). */
  async release(taskId: string, identity: Identity): Promise<TaskEntity> {
    await this.get(taskId, identity);
    return this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ status: 'open', claimedBy: null })
        .where("id = :id AND status = 'claimed' AND claimed_by = :sub", {
          id: taskId,
          sub: identity.sub,
        })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictException(`Task ${taskId} is not claimed by ${identity.sub}`);
      }
      return manager.findOneByOrFail(TaskEntity, { id: taskId });
    });
  }

  /**
   * Completes a task: sends the matching event to the case, closing the task in the same
   * transaction. Two completions at once: one wins, the other gets 409.
   */
  async complete(
    taskId: string,
    outcome: TaskOutcome,
    reason: string | undefined,
    identity: Identity,
  ): Promise<{ task: TaskEntity; case: CaseView }> {
    const task = await this.get(taskId, identity);
    if (task.status === 'done' || task.status === 'cancelled') {
      throw new ConflictException(`Task ${taskId} is already ${task.status}`);
    }
    if (task.status === 'claimed' && task.claimedBy !== identity.sub) {
      throw new ConflictException(`Task ${taskId} is claimed by ${task.claimedBy}`);
    }
    const event = eventOfTask(task, outcome, reason);
    if (typeof event === 'string') {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: event,
        errors: [{ field: event.includes('reason') ? 'reason' : 'outcome', message: event }],
      });
    }
    let view: CaseView;
    if (event === null) {
      await this.transactions.run(async (manager) => {
        const result = await manager
          .createQueryBuilder()
          .update(TaskEntity)
          .set({ status: 'done', completedAt: new Date() })
          .where('id = :id AND status IN (:...open)', { id: taskId, open: ['open', 'claimed'] })
          .execute();
        if (result.affected !== 1) throw new ConflictException(`Task ${taskId} is already closed`);
      });
      view = await this.cases.get(task.caseId);
    } else {
      view = await this.cases.apply(
        task.caseId,
        event,
        { kind: 'user', identity },
        { completingTask: taskId },
      );
    }
    const done = await this.dataSource.manager.findOneByOrFail(TaskEntity, { id: taskId });
    return { task: done, case: view };
  }
}
