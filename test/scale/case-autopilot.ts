import { In, type DataSource } from 'typeorm';
import type { Identity } from '@onevisit/auth';
import type { Answers, MergedField } from '@onevisit/definitions';
import {
  type Actor,
  type CaseService,
  type CaseView,
  type TaskOutcome,
  type TaskService,
} from '@onevisit/engine';
import { OutboxEntity, TaskEntity } from '@onevisit/persistence';
import { type JobPayloads, licenceItemsOf } from '@onevisit/queues';

/** Statuses after which nothing more happens to a case. */
export const FINAL_STATUSES = new Set(['closed', 'rejected', 'withdrawn']);

/** The happy outcome an officer gives each kind of task. */
const OUTCOME_OF_KIND: Record<string, TaskOutcome> = {
  review: 'done',
  procedure: 'done',
  decision: 'approve',
  'post-check': 'passed',
  'rating-follow-up': 'done',
};

const CLERK: Identity = { sub: 'clerk-auto', name: '综合窗口', roles: ['clerk'], window: 'w1' };

export const officerOf = (department: string): Identity => ({
  sub: `officer-${department}`,
  name: department,
  roles: ['officer'],
  department,
});

export const applicantActor = (sub: string, name = '张三'): Actor => ({
  kind: 'user',
  identity: { sub, name, roles: ['applicant'] },
});

/** Values for text fields with a pattern: a bank card, a phone, a credit code, an ID. */
const PATTERNED = [
  '6222020200112233445',
  '13800138000',
  '91350100M000100Y43',
  '11010519491231002X',
];

/**
 * Valid answers for a merged form, every field filled (so that every conditional item
 * applies where it can): test data, not a person's.
 */
export function answersFor(form: MergedField[], seed = 0): Answers {
  const answers: Answers = {};
  for (const field of form) {
    switch (field.type) {
      case 'string':
      case 'text':
      case 'address':
        answers[field.key] = field.pattern
          ? (PATTERNED.find((candidate) => new RegExp(field.pattern ?? '').test(candidate)) ?? '')
          : `测试${field.key}${seed}`.slice(0, field.maxLength ?? 64);
        break;
      case 'integer':
      case 'number':
        answers[field.key] = field.min ?? 1;
        break;
      case 'boolean':
        answers[field.key] = seed % 2 === 0;
        break;
      case 'date':
        answers[field.key] = '2020-01-15';
        break;
      case 'enum':
        answers[field.key] = field.options?.[seed % field.options.length]?.value ?? '';
        break;
      case 'id-number':
        answers[field.key] = '11010519491231002X';
        break;
      case 'credit-code':
        answers[field.key] = '91350100M000100Y43';
        break;
      case 'phone':
        answers[field.key] = '13800138000';
        break;
    }
  }
  return answers;
}

/**
 * Moves a case one step along its happy path as the people and jobs would: the window
 * accepts, officers complete their open tasks, licences are reported issued, results
 * are delivered and rated. Returns the new view, or null when there is nothing to do
 * (a final status, or a step that only a queued job may take).
 */
export async function stepCase(
  services: { cases: CaseService; tasks: TaskService; dataSource: DataSource },
  caseId: string,
  options: { issueLicences?: boolean } = {},
): Promise<CaseView | null> {
  const view = await services.cases.get(caseId);
  if (FINAL_STATUSES.has(view.status)) return null;
  if (view.status === 'intake') {
    return services.cases.apply(caseId, { type: 'ACCEPT' }, { kind: 'user', identity: CLERK });
  }
  const open = await services.dataSource.manager.find(TaskEntity, {
    where: { caseId, status: In(['open', 'claimed']) },
    order: { createdAt: 'ASC' },
  });
  const task = open.find((candidate) => candidate.kind in OUTCOME_OF_KIND);
  if (task) {
    const done = await services.tasks.complete(
      task.id,
      OUTCOME_OF_KIND[task.kind] ?? 'done',
      undefined,
      officerOf(task.department),
    );
    return done.case;
  }
  const allowed = view.allowedEvents;
  const licence = allowed.find((event) => event.type === 'LICENCE_ISSUED');
  if (licence?.item && options.issueLicences !== false) {
    const types = await licenceTypesAwaited(services.dataSource, caseId, licence.item);
    return services.cases.apply(
      caseId,
      {
        type: 'LICENCE_ISSUED',
        item: licence.item,
        licences: types.map((type, index) => ({
          type,
          number: `SEED-${caseId.slice(0, 8)}-${licence.item ?? ''}-${index}`,
        })),
      },
      { kind: 'system', source: 'scale:autopilot' },
    );
  }
  if (allowed.some((event) => event.type === 'DELIVER')) {
    return services.cases.apply(
      caseId,
      { type: 'DELIVER', method: 'window' },
      { kind: 'user', identity: CLERK },
    );
  }
  if (allowed.some((event) => event.type === 'RATE')) {
    return services.cases.apply(
      caseId,
      { type: 'RATE', level: 5 },
      applicantActor(view.applicant.sub, view.applicant.name),
    );
  }
  return null;
}

/** The licence types the latest `licence.issue` effect of the item asked for. */
async function licenceTypesAwaited(
  dataSource: DataSource,
  caseId: string,
  item: string,
): Promise<string[]> {
  const rows = await dataSource.manager.find(OutboxEntity, {
    where: { topic: 'licence.issue' },
    order: { createdAt: 'DESC' },
  });
  for (const row of rows) {
    const payload = row.payload as unknown as JobPayloads['licence.issue'];
    if (payload.caseId !== caseId) continue;
    const wanted = licenceItemsOf(payload).find((candidate) => candidate.item === item);
    if (wanted) return wanted.licenceTypes;
  }
  return [];
}
