import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { TaskService, type WorkListFilter } from '@onevisit/engine';
import type { TaskEntity } from '@onevisit/persistence';
import { CompleteTaskDto, TaskQueryDto } from './task.dto.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { TaskBody } from '../http/openapi-schemas.js';
import { TaskPageBody } from './task-page.bodies.js';
import { TaskPageService } from './task-page.service.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

/**
 * Work lists of departments. Officers see and work their own department's tasks;
 * supervisors are the `supervision` department (rating follow-ups).
 */
@ApiTags('tasks')
@Roles('officer', 'supervisor')
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TaskService,
    private readonly pages: TaskPageService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [TaskBody] })
  @ApiSignedIn(400)
  @ApiOperation({
    summary:
      "The caller's department work list: by status, kind and bundle; oldest first, or due first (sort=due)",
  })
  list(@Query() query: TaskQueryDto, @CurrentUser() user: Identity): Promise<TaskEntity[]> {
    return this.tasks.list(departmentOf(user), workListFilterOf(query), query.limit, query.sort);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskPageBody })
  @ApiSignedIn(400, 404)
  @ApiOperation({
    summary:
      "The task page: the task, its case and item, the item's answers (masked as the role needs, read logged), materials, licences, earlier steps, clocks and allowed outcomes",
  })
  page(@Param('id', UuidParamPipe) id: string, @CurrentUser() user: Identity) {
    return this.pages.page(id, withDepartment(user));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim an open task of the department (409 if taken or closed)' })
  @ApiOkResponse({ type: TaskBody })
  @ApiSignedIn(400, 404, 409)
  claim(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<TaskEntity> {
    return this.tasks.claim(id, withDepartment(user));
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give a task one holds back to the department (409 if one does not hold it)',
  })
  @ApiOkResponse({ type: TaskBody })
  @ApiSignedIn(400, 404, 409)
  release(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<TaskEntity> {
    return this.tasks.release(id, withDepartment(user));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The completed task', type: TaskBody })
  @ApiSignedIn(400, 404, 409)
  @ApiOperation({
    summary: 'Complete a task: sends the matching event to its case (409 if already done)',
  })
  complete(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CompleteTaskDto,
    @CurrentUser() user: Identity,
  ) {
    return this.tasks.complete(id, body.outcome, body.reason, withDepartment(user));
  }
}

/** The work-list filter a query asks for. */
function workListFilterOf(query: TaskQueryDto): WorkListFilter {
  return {
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.bundle ? { bundle: query.bundle } : {}),
  };
}

/** Supervisors without a department work the supervision department's list. */
function departmentOf(user: Identity): string {
  return user.department ?? (user.roles.includes('supervisor') ? 'supervision' : '');
}

function withDepartment(user: Identity): Identity {
  return { ...user, department: departmentOf(user) };
}
