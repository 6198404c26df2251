import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES } from '@onevisit/persistence';
import { TaskBody } from '../http/openapi-schemas.js';

/* The task page's shape (GET /tasks/{id}), for the OpenAPI document. */

const OBJECT = { type: 'object', additionalProperties: true } as const;
const LABEL = { ...OBJECT, example: { zh: '食品经营许可', en: 'Food business licence' } } as const;
const NULLABLE_DATE = { nullable: true, type: String, example: '2026-12-18' } as const;

export class TaskOutcomeOptionBody {
  @ApiProperty({ enum: ['done', 'approve', 'deny', 'passed', 'failed'] }) outcome: string;
  @ApiProperty({ description: 'Completing with it needs a reason' }) needsReason: boolean;
  @ApiProperty(LABEL) label: unknown;
}

class TaskCaseBundleBody {
  @ApiProperty({ example: 'open-a-restaurant' }) code: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty(LABEL) name: unknown;
}

class TaskCaseApplicantBody {
  @ApiProperty() sub: string;
  @ApiProperty({ example: '张三' }) name: string;
}

export class TaskCaseBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: TaskCaseBundleBody }) bundle: TaskCaseBundleBody;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ description: 'Send it back as expectedVersion where a route takes one' })
  version: number;
  @ApiProperty({ type: TaskCaseApplicantBody }) applicant: TaskCaseApplicantBody;
  @ApiProperty({ nullable: true, type: String }) window: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

class ProcedureBody {
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty({ example: 10 }) maxDays: number;
}

export class TaskItemBody {
  @ApiProperty({ example: 'food-operation-licence' }) code: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty({ example: 'market-regulation' }) department: string;
  @ApiProperty(LABEL) departmentName: unknown;
  @ApiProperty({ example: 'review' }) status: string;
  @ApiProperty(NULLABLE_DATE) dueDate: string | null;
  @ApiProperty({ nullable: true, enum: ['due-soon', 'overdue'] }) dueFlag: string | null;
  @ApiProperty({ description: 'The applicant pledged for it (告知承诺)' }) pledged: boolean;
  @ApiProperty({ type: [ProcedureBody] }) specialProcedures: ProcedureBody[];
}

export class TaskProcedureBody extends ProcedureBody {
  @ApiProperty({ example: 0, description: 'Index among the item’s special procedures' })
  index: number;
}

export class ClockNowBody {
  @ApiProperty({ example: 'item:food-operation-licence' }) key: string;
  @ApiProperty({ enum: ['case', 'item', 'procedure', 'supplement'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) item: string | null;
  @ApiProperty() department: string;
  @ApiProperty({ example: 5 }) limitDays: number;
  @ApiProperty({ description: 'Working days used by closed segments' }) usedDays: number;
  @ApiProperty({ enum: ['running', 'paused', 'stopped'] }) status: string;
  @ApiProperty({ type: [String], description: 'What holds a paused clock: procedure, case' })
  pausedBy: string[];
  @ApiProperty(NULLABLE_DATE) dueDate: string | null;
  @ApiProperty({ nullable: true, enum: ['due-soon', 'overdue'] }) flag: string | null;
  @ApiProperty({ description: 'Working days used up to now' }) daysUsed: number;
  @ApiProperty({ description: 'Working days left now (negative once overdue)' }) daysLeft: number;
}

export class TaskClocksBody {
  @ApiProperty({ type: ClockNowBody, nullable: true }) item: ClockNowBody | null;
  @ApiProperty({ type: ClockNowBody, nullable: true, description: 'For a procedure task' })
  procedure: ClockNowBody | null;
  @ApiProperty({ type: ClockNowBody, nullable: true, description: 'The bundle’s promised total' })
  case: ClockNowBody | null;
}

export class TaskAnswersBody {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ ...OBJECT, description: 'Answers of the fields in `form`' }) answers: unknown;
  @ApiProperty({ type: [String], description: 'Personal fields shown masked to this caller' })
  masked: string[];
}

class MaterialRecordBody {
  @ApiProperty() material: string;
  @ApiProperty({ enum: ['upload', 'held-licence', 'case-licence'] }) source: string;
  @ApiProperty({ nullable: true, type: String }) licenceNumber: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

export class TaskMaterialBody {
  @ApiProperty({ example: 'premises-floor-plan' }) material: string;
  @ApiProperty(LABEL) name: unknown;
  @ApiProperty({ type: [String] }) acceptedForms: string[];
  @ApiProperty() required: boolean;
  @ApiProperty({ description: '容缺: may come after acceptance' }) tolerable: boolean;
  @ApiProperty({ nullable: true, type: String }) satisfiedByLicence: string | null;
  @ApiProperty({ nullable: true, ...OBJECT, description: '{ licenceType, byItem }' })
  suppliedInCase: unknown;
  @ApiProperty({ description: 'Tolerated at intake and not handed in yet' }) missing: boolean;
  @ApiProperty({ type: [MaterialRecordBody] }) records: MaterialRecordBody[];
}

class ProducedLicenceBody {
  @ApiProperty() type: string;
  @ApiProperty() item: string;
  @ApiProperty({ nullable: true, type: String, description: 'null while being issued' })
  number: string | null;
  @ApiProperty() onPledge: boolean;
  @ApiProperty() revoked: boolean;
  @ApiProperty() ofThisItem: boolean;
}

class HeldLicenceRefBody {
  @ApiProperty() material: string;
  @ApiProperty() licenceNumber: string;
}

export class TaskLicencesBody {
  @ApiProperty({ type: [ProducedLicenceBody] }) produced: ProducedLicenceBody[];
  @ApiProperty({ type: [HeldLicenceRefBody] }) held: HeldLicenceRefBody[];
}

export class TaskStepBody {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'REVIEW_DONE' }) type: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
  @ApiProperty({ ...OBJECT, description: 'Who: kind, sub, name, roles, department …' })
  actor: unknown;
  @ApiProperty({ nullable: true, type: String }) item: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A denial’s or failed check’s reason' })
  reason: string | null;
}

class TaskRefBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) claimedBy: string | null;
  @ApiProperty(NULLABLE_DATE) dueDate: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: Date | null;
}

export class TaskPageBody {
  @ApiProperty({ type: TaskBody }) task: TaskBody;
  @ApiProperty({ type: [TaskOutcomeOptionBody], description: 'Empty once the task is closed' })
  outcomes: TaskOutcomeOptionBody[];
  @ApiProperty({ description: 'Open, or claimed by the caller' }) actionable: boolean;
  @ApiProperty({ type: TaskCaseBody }) case: TaskCaseBody;
  @ApiProperty({ type: TaskItemBody, nullable: true }) item: TaskItemBody | null;
  @ApiProperty({ type: TaskProcedureBody, nullable: true }) procedure: TaskProcedureBody | null;
  @ApiProperty({ type: TaskClocksBody }) clocks: TaskClocksBody;
  @ApiProperty({ type: 'array', items: OBJECT, description: 'Merged-form fields the item uses' })
  form: unknown[];
  @ApiProperty({ type: TaskAnswersBody }) answers: TaskAnswersBody;
  @ApiProperty({ type: [TaskMaterialBody] }) materials: TaskMaterialBody[];
  @ApiProperty({ type: TaskLicencesBody }) licences: TaskLicencesBody;
  @ApiProperty({
    type: [TaskStepBody],
    description: 'Case-wide steps and this item’s, oldest first',
  })
  history: TaskStepBody[];
  @ApiProperty({ type: [TaskRefBody], description: 'Every task of this item, oldest first' })
  tasks: TaskRefBody[];
}
