import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@onevisit/auth';
import { PiiAccessLogEntity } from '@onevisit/persistence';
import { type AccessLogPosition, encodeAccessLogCursor } from '../access-log-cursor.js';

export interface PiiAccessQuery {
  caseId?: string;
  readerSub?: string;
  limit?: number;
}

/** A page of the log, newest first, with the filters of a supervisor's screen. */
export interface PiiAccessPageQuery {
  caseId?: string;
  readerSub?: string;
  /** Department of the reader. */
  department?: string;
  /** Reads at or after this instant. */
  from?: Date;
  /** Reads before this instant. */
  until?: Date;
  /** Rows after this position (the previous page's `nextCursor`). */
  after?: AccessLogPosition;
  limit: number;
}

export interface PiiAccessPage {
  items: PiiAccessLogEntity[];
  /** Rows matching the filters, on every page. */
  total: number;
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
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

  /** One page, newest first (time, then id: rows written meanwhile never shift a page). */
  async page(query: PiiAccessPageQuery): Promise<PiiAccessPage> {
    const filtered = () => {
      const builder = this.dataSource.manager.createQueryBuilder(PiiAccessLogEntity, 'log');
      if (query.caseId) builder.andWhere('log.caseId = :caseId', { caseId: query.caseId });
      if (query.readerSub) builder.andWhere('log.readerSub = :reader', { reader: query.readerSub });
      if (query.department) {
        builder.andWhere('log.readerDepartment = :department', { department: query.department });
      }
      if (query.from) builder.andWhere('log.accessedAt >= :from', { from: query.from });
      if (query.until) builder.andWhere('log.accessedAt < :until', { until: query.until });
      return builder;
    };
    const total = await filtered().getCount();
    const rows = filtered();
    if (query.after) {
      rows.andWhere('(log.accessedAt < :at OR (log.accessedAt = :at AND log.id < :id))', {
        at: query.after.at,
        id: query.after.id,
      });
    }
    const found = await rows
      .orderBy('log.accessedAt', 'DESC')
      .addOrderBy('log.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const items = found.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items,
      total,
      nextCursor:
        found.length > query.limit && last
          ? encodeAccessLogCursor({ at: last.accessedAt, id: last.id })
          : null,
    };
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
