import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@onevisit/auth';
import { PiiAccessLogEntity } from '@onevisit/persistence';

export interface PiiAccessQuery {
  caseId?: string;
  readerSub?: string;
  limit?: number;
}

/** The access log of staff reads of personal data (个人信息访问记录). */
@Injectable()
export class PiiAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    reader: Identity,
    caseId: string,
    fields: PiiAccessLogEntity['fields'],
    purpose: string,
  ): Promise<void> {
    if (fields.length === 0) return;
    await this.dataSource.manager.insert(PiiAccessLogEntity, {
      id: randomUUID(),
      readerSub: reader.sub,
      readerRoles: [...reader.roles],
      readerDepartment: reader.department ?? null,
      caseId,
      fields,
      purpose: purpose.slice(0, 256),
      accessedAt: new Date(),
    });
  }

  /** Newest first. */
  find(query: PiiAccessQuery = {}): Promise<PiiAccessLogEntity[]> {
    return this.dataSource.manager.find(PiiAccessLogEntity, {
      where: {
        ...(query.caseId ? { caseId: query.caseId } : {}),
        ...(query.readerSub ? { readerSub: query.readerSub } : {}),
      },
      order: { accessedAt: 'DESC' },
      take: Math.min(query.limit ?? 100, 1000),
    });
  }
}
