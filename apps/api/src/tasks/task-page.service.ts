import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@onevisit/auth';
import type { PersistedCaseSnapshot } from '@onevisit/definitions';
import { CaseDefinitions, CaseService, TaskService, WorkingTime } from '@onevisit/engine';
import { CaseClockEntity, CaseEventEntity, TaskEntity } from '@onevisit/persistence';
import { visibleCase } from '../cases/case-access.js';
import { CaseAnswersReader } from '../cases/case-answers.reader.js';
import { fieldForTask, type TaskPage, taskPageOf } from './task-page.js';

/** Route recorded in the personal-data access log for the answers a task page shows. */
const PURPOSE = 'GET /tasks/:id';

/** Loads what the task page shows; `taskPageOf` puts it together. */
@Injectable()
export class TaskPageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TaskService,
    private readonly cases: CaseService,
    private readonly definitions: CaseDefinitions,
    private readonly answers: CaseAnswersReader,
    private readonly time: WorkingTime,
  ) {}

  /** 404 for no such task, 403 for another department's. */
  async page(taskId: string, user: Identity): Promise<TaskPage> {
    const task = await this.tasks.get(taskId, user);
    const view = visibleCase(await this.cases.get(task.caseId), user);
    const row = await this.cases.load(task.caseId);
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const manager = this.dataSource.manager;
    const [answers, clocks, events, tasks] = await Promise.all([
      this.answers.read(view, user, PURPOSE, fieldForTask(task)),
      manager.find(CaseClockEntity, {
        where: { caseId: task.caseId },
        order: { startedAt: 'ASC', key: 'ASC' },
      }),
      manager.find(CaseEventEntity, { where: { caseId: task.caseId }, order: { seq: 'ASC' } }),
      manager.find(TaskEntity, { where: { caseId: task.caseId }, order: { createdAt: 'ASC' } }),
    ]);
    return taskPageOf({
      task,
      callerSub: user.sub,
      view,
      compiled: definition.compiled,
      answers,
      clocks,
      events,
      tasks,
      pledged: (row.snapshot as unknown as PersistedCaseSnapshot).context.pledged,
      now: new Date(),
      calendar: this.time.calendar,
    });
  }
}
