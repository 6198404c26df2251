import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import { CaseEventRejected } from '@onevisit/engine';
import type { DepartmentNotifier, SharedDataGateway } from '@onevisit/integrations';
import type { TransactionRunner } from '@onevisit/persistence';
import type { LicenceIssueItem } from '@onevisit/queues';
import type { CaseEventsSender } from '../cases/case-events.sender.js';
import type {
  CasePort,
  CaseRecord,
  RecordDecision,
  RecordDecisionOptions,
  SystemActor,
} from '../cases/case-port.js';
import { caseRecordWith } from '../cases/testing/case-record.fixture.js';
import { IdentityCheckJobs } from './identity-check-jobs.service.js';
import type { LicenceIssuing, PreparedLicences } from './licence-issuing.js';

const ANSWERS = { applicantName: '张三', applicantIdNumber: '11010519491231002X' };
const FOOD: LicenceIssueItem = {
  item: 'food',
  department: 'market',
  licenceTypes: ['FOOD'],
  onPledge: false,
};

/** One case whose machine waits for the answer; `applyDecided` records what it was given. */
class CaseStandIn implements CasePort {
  decisions: {
    actor: SystemActor;
    followUp?: { decide: RecordDecision; actor: SystemActor };
    readsWithLock: boolean;
  }[] = [];
  /** What the one transaction fails with, when it does. */
  failure?: Error;

  constructor(
    private readonly requested: LicenceIssueItem[],
    private readonly waitsForAnswer = true,
  ) {}

  get(): Promise<CaseRecord> {
    const context = {
      answers: ANSWERS,
      items: { food: { status: 'issuing' } },
      licences: [],
      ...(this.waitsForAnswer ? { identityCheck: null } : {}),
    } as unknown as CaseContext;
    return Promise.resolve(caseRecordWith(context, 4));
  }

  apply(): Promise<CaseRecord> {
    throw new Error('the answer goes through CaseEventsSender');
  }

  licencesRequestedBy(): Promise<LicenceIssueItem[]> {
    return Promise.resolve(this.requested);
  }

  async applyDecided(
    _caseId: string,
    _decide: RecordDecision,
    actor: SystemActor,
    { followUp, readWithLock }: RecordDecisionOptions = {},
  ): Promise<CaseRecord | null> {
    this.decisions.push({
      actor,
      ...(followUp ? { followUp } : {}),
      readsWithLock: readWithLock !== undefined,
    });
    if (this.failure) throw this.failure;
    return this.get();
  }
}

/** The job on stand-ins: what it recorded apart, sent apart and issued. */
function jobOn(port: CaseStandIn) {
  const apart = { recorded: 0, sent: [] as CaseEvent[], prepared: [] as LicenceIssueItem[][] };
  const issuing = {
    prepare: (caseId: string, _bundle: unknown, requested: LicenceIssueItem[]) => {
      apart.prepared.push(requested);
      return Promise.resolve({ caseId } as PreparedLicences);
    },
    readWithLock: () => () => undefined,
    issueIn: (record: CaseRecord) =>
      Promise.resolve<CaseEvent[]>([
        { type: 'LICENCE_ISSUED', item: 'food', licences: [{ type: 'FOOD', number: record.id }] },
      ]),
  } as unknown as LicenceIssuing;
  const tx = {
    runStatement: () => {
      apart.recorded++;
      return Promise.resolve();
    },
  } as unknown as TransactionRunner;
  const sender = {
    send: (_job: string, _caseId: string, event: CaseEvent) => {
      apart.sent.push(event);
      return Promise.resolve(null);
    },
  } as unknown as CaseEventsSender;
  const gateway: SharedDataGateway = {
    checkIdentity: () => Promise.resolve({ result: 'match', detail: 'well-formed' }),
  };
  const notifier: DepartmentNotifier = { notify: () => Promise.resolve() };
  const job = new IdentityCheckJobs(port, gateway, notifier, tx, sender, issuing);
  return { job, apart };
}

const DATA = { caseId: 'case-1', caseVersion: 1 };

describe('IdentityCheckJobs.check', () => {
  it('records the answer and issues the licences it asks for in one case transaction', async () => {
    const port = new CaseStandIn([FOOD]);
    const { job, apart } = jobOn(port);
    await job.check('job-1', DATA);
    expect(apart.prepared).toEqual([[FOOD]]);
    expect(port.decisions).toHaveLength(1);
    expect(port.decisions[0]?.actor.source).toBe('worker:data-sharing');
    expect(port.decisions[0]?.followUp?.actor.source).toBe('worker:licences');
    // The licences the case holds are read with its row lock, not by the issuer after it.
    expect(port.decisions[0]?.readsWithLock).toBe(true);
    const issued = await port.decisions[0]?.followUp?.decide(await port.get(), {} as never);
    expect(issued?.map((event) => event.type)).toEqual(['LICENCE_ISSUED']);
    // Nothing apart: no separate record, no separate event.
    expect(apart).toMatchObject({ recorded: 0, sent: [] });
  });

  it('takes no follow-up when the answer approves nothing', async () => {
    const port = new CaseStandIn([]);
    const { job, apart } = jobOn(port);
    await job.check('job-1', DATA);
    expect(apart.prepared).toEqual([]);
    expect(port.decisions).toEqual([
      { actor: { kind: 'system', source: 'worker:data-sharing' }, readsWithLock: false },
    ]);
    expect(apart).toMatchObject({ recorded: 0, sent: [] });
  });

  it.each([
    ['fails', new Error('duplicate key value violates unique constraint')],
    ['no longer takes the answer', new CaseEventRejected('IDENTITY_CHECKED', 'delivered', [])],
  ])('records the check and sends the answer apart when that transaction %s', async (_, error) => {
    const port = new CaseStandIn([FOOD]);
    port.failure = error;
    const { job, apart } = jobOn(port);
    await job.check('job-1', DATA);
    expect(port.decisions).toHaveLength(1);
    expect(apart.recorded).toBe(1);
    expect(apart.sent).toEqual([{ type: 'IDENTITY_CHECKED', result: 'match' }]);
  });

  it('only records the check for a case whose machine has no use for the answer', async () => {
    const port = new CaseStandIn([FOOD], false);
    const { job, apart } = jobOn(port);
    await job.check('job-1', DATA);
    expect(port.decisions).toEqual([]);
    expect(apart).toMatchObject({ recorded: 1, sent: [], prepared: [] });
  });
});
