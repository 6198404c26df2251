import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@onevisit/auth';
import { calendarDateOf } from '@onevisit/calendar';
import { WINDOW_DEPARTMENT } from '@onevisit/definitions';
import { CaseService, deadlineSettings, WorkingTime } from '@onevisit/engine';
import {
  CaseItemEntity,
  ComplaintEntity,
  type ComplaintForward,
  DepartmentEntity,
  TransactionRunner,
} from '@onevisit/persistence';
import { addToOutbox } from '@onevisit/queues';
import type { FileComplaintDto, ForwardComplaintDto } from './complaint.dto.js';

/** A complaint as shown: the row, and where it stands against its reply deadline. */
export interface ComplaintView extends ComplaintEntity {
  /** Open past its reply deadline, or replied after it. */
  late: boolean;
}

/**
 * 有诉即办: complaints routed to the responsible department with a reply deadline in
 * working days, replied to (or forwarded, recorded) by that department's officers.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseService,
    private readonly time: WorkingTime,
  ) {}

  async file(dto: FileComplaintDto, identity: Identity): Promise<ComplaintView> {
    const isClerk = identity.roles.includes('clerk');
    let applicantSub = isClerk ? dto.applicantSub : identity.sub;
    let department = dto.department;
    if (dto.caseId) {
      const row = await this.cases.load(dto.caseId);
      if (!isClerk && row.applicantSub !== identity.sub) {
        throw new ForbiddenException(`${identity.sub} may not complain about case ${dto.caseId}`);
      }
      applicantSub ??= row.applicantSub;
      if (dto.item) {
        const item = await this.dataSource.manager.findOneBy(CaseItemEntity, {
          caseId: dto.caseId,
          item: dto.item,
        });
        if (!item) throw fieldError('item', `${dto.item} is not an item of case ${dto.caseId}`);
        department = item.department;
      } else {
        // A complaint about the case as a whole goes to the window that took it in.
        department ??= WINDOW_DEPARTMENT;
      }
    } else if (dto.item) {
      throw fieldError('item', 'an item needs the caseId it belongs to');
    }
    if (!department) {
      throw fieldError('department', 'is required for a complaint that names no case');
    }
    if (!applicantSub) throw fieldError('applicantSub', 'is required when a clerk files');
    await this.checkDepartment(department, 'department');
    const now = new Date();
    const row: ComplaintEntity = {
      id: randomUUID(),
      caseId: dto.caseId ?? null,
      item: dto.item ?? null,
      applicantSub,
      filedBy: identity.sub,
      department,
      status: 'open',
      content: dto.content,
      replyDueDate: this.time.dueDate(now, deadlineSettings().complaintReplyDays),
      reply: null,
      repliedBy: null,
      repliedAt: null,
      forwards: [],
      createdAt: now,
    };
    const replyDays = deadlineSettings().complaintReplyDays;
    await this.transactions.run(async (manager) => {
      await manager.insert(ComplaintEntity, row);
      // Warned when still unanswered at its deadline (the job checks; a reply makes it a no-op).
      await addToOutbox(
        manager,
        {
          name: 'deadline.follow-up',
          data: { subject: 'complaint', id: row.id, dueDate: row.replyDueDate },
        },
        { runAt: this.time.timerRunAt(now, replyDays) },
      );
    });
    return this.viewOf(row);
  }

  /** Applicants see theirs, clerks those they filed, officers their department's, supervisors all. */
  async list(identity: Identity): Promise<ComplaintView[]> {
    const roles = identity.roles;
    const where =
      roles.includes('supervisor') || roles.includes('admin')
        ? {}
        : roles.includes('officer')
          ? { department: identity.department ?? '' }
          : roles.includes('clerk')
            ? { filedBy: identity.sub }
            : { applicantSub: identity.sub };
    const rows = await this.dataSource.manager.find(ComplaintEntity, {
      where,
      order: { createdAt: 'DESC' },
      take: 500,
    });
    return rows.map((row) => this.viewOf(row));
  }

  async get(id: string, identity: Identity): Promise<ComplaintView> {
    const row = await this.load(id);
    const roles = identity.roles;
    const visible =
      roles.includes('supervisor') ||
      roles.includes('admin') ||
      (roles.includes('officer') &&
        (row.department === identity.department ||
          row.forwards.some((forward) => forward.from === identity.department))) ||
      (roles.includes('clerk') && row.filedBy === identity.sub) ||
      row.applicantSub === identity.sub;
    if (!visible) throw new ForbiddenException(`${identity.sub} may not see complaint ${id}`);
    return this.viewOf(row);
  }

  async reply(id: string, reply: string, identity: Identity): Promise<ComplaintView> {
    const row = await this.ownedOpen(id, identity);
    const now = new Date();
    await this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ComplaintEntity)
        .set({ status: 'replied', reply, repliedBy: identity.sub, repliedAt: now })
        .where("id = :id AND status = 'open' AND department = :department", {
          id,
          department: row.department,
        })
        .execute();
      if (result.affected !== 1) throw new ConflictException(`Complaint ${id} is not open`);
    });
    return this.viewOf(await this.load(id));
  }

  /** Hands the complaint to another department (recorded); the reply deadline stays. */
  async forward(id: string, dto: ForwardComplaintDto, identity: Identity): Promise<ComplaintView> {
    const row = await this.ownedOpen(id, identity);
    if (dto.department === row.department) {
      throw fieldError('department', `the complaint is already with ${dto.department}`);
    }
    await this.checkDepartment(dto.department, 'department');
    const forward: ComplaintForward = {
      from: row.department,
      to: dto.department,
      by: identity.sub,
      note: dto.note ?? null,
      at: new Date().toISOString(),
    };
    await this.transactions.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ComplaintEntity)
        .set({ department: dto.department, forwards: [...row.forwards, forward] })
        .where("id = :id AND status = 'open' AND department = :department", {
          id,
          department: row.department,
        })
        .execute();
      if (result.affected !== 1) throw new ConflictException(`Complaint ${id} has moved on`);
    });
    return this.viewOf(await this.load(id));
  }

  viewOf(row: ComplaintEntity): ComplaintView {
    const today = calendarDateOf(new Date(), this.time.calendar.timeZone);
    const late =
      row.repliedAt === null
        ? today > row.replyDueDate
        : calendarDateOf(row.repliedAt, this.time.calendar.timeZone) > row.replyDueDate;
    return { ...row, late };
  }

  private async ownedOpen(id: string, identity: Identity): Promise<ComplaintEntity> {
    const row = await this.load(id);
    if (!identity.roles.includes('officer') || row.department !== identity.department) {
      throw new ForbiddenException(`Complaint ${id} is for department ${row.department}`);
    }
    if (row.status !== 'open') throw new ConflictException(`Complaint ${id} is already replied`);
    return row;
  }

  private async load(id: string): Promise<ComplaintEntity> {
    const row = await this.dataSource.manager.findOneBy(ComplaintEntity, { id });
    if (!row) throw new NotFoundException(`No complaint ${id}`);
    return row;
  }

  private async checkDepartment(code: string, field: string): Promise<void> {
    if (code === WINDOW_DEPARTMENT) return;
    if (await this.dataSource.manager.existsBy(DepartmentEntity, { code })) return;
    throw fieldError(field, `${code} is not a known department`);
  }
}

function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${message}`,
    errors: [{ field, message }],
  });
}
