import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { In, IsNull, type DataSource } from 'typeorm';
import { CaseService } from '@onevisit/engine';
import { CaseEntity, CaseEventEntity, IncidentEntity, OutboxEntity } from '@onevisit/persistence';
import { QueueName } from '@onevisit/queues';

export interface AuditReport {
  figures: Record<string, number>;
  anomalies: string[];
}

export interface AuditInput {
  dataSource: DataSource;
  app: INestApplication;
  caseIds: string[];
  redisUrl: string;
  queuePrefix: string;
  /** Commands the API answered 2xx: the version each made must be in the audit trail. */
  accepted: { caseId: string; version: number }[];
}

/**
 * Checks every case after the faults: completed; its events replay to the stored
 * snapshot; no event recorded twice; every accepted command in the trail; every outbox
 * row delivered; no job left waiting or running; every failed job has an incident.
 */
export async function auditCases(input: AuditInput): Promise<AuditReport> {
  const anomalies: string[] = [];
  const manager = input.dataSource.manager;
  const cases = await manager.find(CaseEntity, {
    where: { id: In(input.caseIds) },
    select: { id: true, status: true, version: true },
  });
  const byId = new Map(cases.map((row) => [row.id, row]));
  const service = input.app.get(CaseService);
  let replayed = 0;
  for (const caseId of input.caseIds) {
    const row = byId.get(caseId);
    if (!row) {
      anomalies.push(`case ${caseId} was accepted but is not stored`);
      continue;
    }
    if (row.status !== 'closed') anomalies.push(`case ${caseId} ended ${row.status}, not closed`);
    const replay = await service.replayCase(caseId);
    if (replay.matches) replayed += 1;
    else anomalies.push(`case ${caseId}: events do not replay to the stored snapshot`);
  }

  const events = await manager.find(CaseEventEntity, {
    where: { caseId: In(input.caseIds) },
    select: { caseId: true, seq: true, type: true, payload: true },
  });
  const seen = new Set<string>();
  const seqs = new Map<string, number[]>();
  for (const event of events) {
    // An item event (REVIEW_DONE, LICENCE_ISSUED …) happens once per item; the same
    // event with the same payload twice means a job or command ran twice.
    const key = `${event.caseId} ${event.type} ${JSON.stringify(event.payload)}`;
    if (seen.has(key)) anomalies.push(`case ${event.caseId}: ${event.type} recorded twice`);
    seen.add(key);
    seqs.set(event.caseId, [...(seqs.get(event.caseId) ?? []), event.seq]);
  }
  for (const row of cases) {
    const own = (seqs.get(row.id) ?? []).sort((a, b) => a - b);
    if (own.length !== row.version || own.some((seq, index) => seq !== index + 1)) {
      anomalies.push(`case ${row.id}: events ${own.join(',')} for version ${row.version}`);
    }
  }
  for (const command of input.accepted) {
    const own = seqs.get(command.caseId) ?? [];
    if (!own.includes(command.version)) {
      anomalies.push(
        `accepted command on ${command.caseId} (v${command.version}) is not in the trail`,
      );
    }
  }

  const undelivered = await manager.count(OutboxEntity, { where: { dispatchedAt: IsNull() } });
  if (undelivered > 0) anomalies.push(`${undelivered} outbox rows never delivered`);

  const counts = await queueCounts(input.redisUrl, input.queuePrefix);
  const incidents = await manager.find(IncidentEntity);
  const incidentJobs = new Set(incidents.map((incident) => incident.jobId));
  for (const [queue, count] of Object.entries(counts.pending)) {
    if (count > 0) anomalies.push(`queue ${queue}: ${count} jobs left waiting or active`);
  }
  for (const jobId of counts.failedJobIds) {
    if (!incidentJobs.has(jobId)) anomalies.push(`failed job ${jobId} has no incident`);
  }

  return {
    figures: {
      cases: input.caseIds.length,
      closed: cases.filter((row) => row.status === 'closed').length,
      replayed,
      events: events.length,
      acceptedCommands: input.accepted.length,
      outboxUndelivered: undelivered,
      failedJobs: counts.failedJobIds.length,
      incidents: incidents.length,
      unresolvedIncidents: incidents.filter((incident) => incident.resolvedAt === null).length,
    },
    anomalies,
  };
}

/**
 * Waits until no queue has a job waiting or active (at least 5 s, at most `timeoutMs`);
 * says whether they got there.
 */
export async function settleQueues(
  redisUrl: string,
  prefix: string,
  timeoutMs: number,
): Promise<boolean> {
  const began = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  for (;;) {
    const { pending } = await queueCounts(redisUrl, prefix);
    if (Object.values(pending).every((count) => count === 0)) return true;
    if (Date.now() - began > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function queueCounts(
  redisUrl: string,
  prefix: string,
): Promise<{ pending: Record<string, number>; failedJobIds: string[] }> {
  const url = new URL(redisUrl);
  const pending: Record<string, number> = {};
  const failedJobIds: string[] = [];
  for (const name of Object.values(QueueName)) {
    const queue = new Queue(name, {
      prefix,
      connection: { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null },
    });
    try {
      const counts = await queue.getJobCounts(
        'waiting',
        'active',
        'prioritized',
        'waiting-children',
      );
      pending[name] = Object.values(counts).reduce((sum, count) => sum + count, 0);
      for (const job of await queue.getFailed()) if (job.id) failedJobIds.push(job.id);
    } finally {
      await queue.close();
    }
  }
  return { pending, failedJobIds };
}
