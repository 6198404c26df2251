import type { EntityManager } from 'typeorm';
import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import type { IssueLicencesRequest, LicenceIssuer } from '@onevisit/licences';
import type { CasePort, CaseRecord } from '../cases/case-port.js';
import { caseRecordWith } from '../cases/testing/case-record.fixture.js';
import type { PublishedBundles } from '../cases/published-bundles.js';
import { type JobName, type JobOf, type LicenceIssueItem, licenceItemsOf } from '@onevisit/queues';
import type { JobOutbox } from './job-outbox.js';
import { LicenceIssuing } from './licence-issuing.js';
import { LicenceJobs } from './licence-jobs.service.js';

/** One case in memory: `applyDecided` runs the decision and applies what it returns. */
class CaseInMemory implements CasePort {
  version = 3;
  recorded: { item: string; type: string; number: string }[] = [];
  applied: CaseEvent[] = [];

  constructor(private readonly itemStatuses: Record<string, string>) {}

  get(): Promise<CaseRecord> {
    const items = Object.fromEntries(
      Object.entries(this.itemStatuses).map(([item, status]) => [item, { status }]),
    );
    const context = {
      answers: { applicantName: '张三', applicantIdNumber: '11010519491231002X' },
      items,
      licences: this.recorded,
    } as unknown as CaseContext;
    return Promise.resolve(caseRecordWith(context, this.version));
  }

  apply(): Promise<CaseRecord> {
    throw new Error('licence jobs apply through applyDecided');
  }

  licencesRequestedBy(): Promise<LicenceIssueItem[]> {
    throw new Error('licence jobs preview nothing');
  }

  async applyDecided(
    _caseId: string,
    decide: (record: CaseRecord, manager: EntityManager) => Promise<readonly CaseEvent[]>,
  ): Promise<CaseRecord | null> {
    const events = await decide(await this.get(), {} as EntityManager);
    if (events.length === 0) return null;
    for (const event of events) {
      this.applied.push(event);
      if (event.type === 'LICENCE_ISSUED')
        this.recorded.push(...event.licences.map((l) => ({ item: event.item, ...l })));
      this.version++;
    }
    return this.get();
  }
}

/** Jobs the licence jobs wrote to the outbox themselves (a split), or a refusal to write. */
class OutboxInMemory {
  added: JobOf<JobName>[] = [];
  failing = false;

  add(jobs: JobOf<JobName>[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('database unavailable'));
    this.added.push(...jobs);
    return Promise.resolve();
  }
}

/** Licence type of each item in these tests: the item's name in capitals. */
function jobsOn(
  port: CaseInMemory,
  requests: IssueLicencesRequest[] = [],
  outbox = new OutboxInMemory(),
): LicenceJobs {
  const bundles = {
    resolved: () =>
      Promise.resolve({ licenceTypes: [{ code: 'FOOD' }, { code: 'FIRE' }, { code: 'TAX' }] }),
  } as unknown as PublishedBundles;
  const issuer = {
    prepare: () => Promise.resolve(),
    reserveNumbers: () => Promise.resolve(new Map([['FOOD', [1]]])),
    issueItems: (batch: IssueLicencesRequest[]) => {
      return Promise.resolve(
        batch.map((request) => {
          requests.push(request);
          return request.licenceTypes.map((type) => ({
            type: type.code,
            number: `${type.code}-20261127-00000${requests.length}`,
          }));
        }),
      );
    },
  } as unknown as LicenceIssuer;
  return new LicenceJobs(
    port,
    new LicenceIssuing(bundles, issuer),
    issuer,
    outbox as unknown as JobOutbox,
  );
}

const REF = { caseId: 'case-1', caseVersion: 3 };
const itemOf = (item: string) => ({
  item,
  department: 'market',
  licenceTypes: [item.toUpperCase()],
  onPledge: false,
});
/** A job as made before items were gathered: one item in the job's own fields. */
const SINGLE_ITEM_JOB = { ...REF, ...itemOf('food') };

describe('LicenceJobs.issue', () => {
  it('issues to the holder from the answers and records the licence in the case', async () => {
    const port = new CaseInMemory({ food: 'issuing' });
    const requests: IssueLicencesRequest[] = [];
    await jobsOn(port, requests).issue('job-1', SINGLE_ITEM_JOB);
    expect(requests).toEqual([
      expect.objectContaining({
        caseId: 'case-1',
        item: 'food',
        holder: { name: '张三', idNumber: '11010519491231002X' },
        licenceTypes: [{ code: 'FOOD' }],
      }),
    ]);
    expect(port.applied).toEqual([
      {
        type: 'LICENCE_ISSUED',
        item: 'food',
        licences: [{ type: 'FOOD', number: 'FOOD-20261127-000001' }],
      },
    ]);
  });

  it('issues every item of a gathered job, one LICENCE_ISSUED each, in one decision', async () => {
    const port = new CaseInMemory({ food: 'issuing', fire: 'committed', tax: 'issuing' });
    const requests: IssueLicencesRequest[] = [];
    await jobsOn(port, requests).issue('job-1', {
      ...REF,
      items: [itemOf('food'), itemOf('fire'), itemOf('tax')],
    });
    expect(requests.map((request) => request.item)).toEqual(['food', 'fire', 'tax']);
    expect(port.applied.map((event) => event.type === 'LICENCE_ISSUED' && event.item)).toEqual([
      'food',
      'fire',
      'tax',
    ]);
    // One decision: the case moved three versions in one call.
    expect(port.version).toBe(6);
  });

  it('leaves out items no longer waiting or already recorded, and issues the rest', async () => {
    const port = new CaseInMemory({ food: 'denied', fire: 'issuing', tax: 'issuing' });
    port.recorded.push({ item: 'tax', type: 'TAX', number: 'TAX-1' });
    const requests: IssueLicencesRequest[] = [];
    await jobsOn(port, requests).issue('job-1', {
      ...REF,
      items: [itemOf('food'), itemOf('fire'), itemOf('tax')],
    });
    expect(requests.map((request) => request.item)).toEqual(['fire']);
    expect(port.applied).toHaveLength(1);
  });

  it('issues nothing and writes nothing when run again after recording', async () => {
    const port = new CaseInMemory({ food: 'committed', fire: 'issuing' });
    const requests: IssueLicencesRequest[] = [];
    const jobs = jobsOn(port, requests);
    const job = { ...REF, items: [itemOf('food'), itemOf('fire')] };
    await jobs.issue('job-1', job);
    await jobs.issue('job-1', job);
    expect(requests).toHaveLength(2);
    expect(port.applied).toHaveLength(2);
  });

  it('is a no-op for an item that no longer waits for its licence', async () => {
    const port = new CaseInMemory({ food: 'denied' });
    const requests: IssueLicencesRequest[] = [];
    await jobsOn(port, requests).issue('job-1', SINGLE_ITEM_JOB);
    expect(requests).toEqual([]);
    expect(port.applied).toEqual([]);
  });

  it('splits a job of several items that fails into one job per item, and writes nothing', async () => {
    const port = new CaseInMemory({ food: 'issuing', fire: 'issuing' });
    const outbox = new OutboxInMemory();
    // FIRE is not in this bundle version: the lookup fails for the whole gathered job.
    const broken = { ...itemOf('fire'), licenceTypes: ['GONE'] };
    const job = { ...REF, bundle: { code: 'b', version: 1 }, items: [itemOf('food'), broken] };
    await jobsOn(port, [], outbox).issue('job-1', job);
    expect(port.applied).toEqual([]);
    expect(outbox.added).toEqual([
      { name: 'licence.issue', data: { ...REF, bundle: job.bundle, items: [itemOf('food')] } },
      { name: 'licence.issue', data: { ...REF, bundle: job.bundle, items: [broken] } },
    ]);
    // Each split job then stands alone: the good item is issued, the broken one fails.
    const jobs = jobsOn(port, [], outbox);
    for (const split of outbox.added.splice(0)) {
      const data = split.data as Parameters<LicenceJobs['issue']>[1];
      if (licenceItemsOf(data).some((item) => item.licenceTypes.includes('GONE'))) {
        await expect(jobs.issue('split-2', data)).rejects.toThrow(/GONE is not in b@1/);
      } else {
        await jobs.issue('split-1', data);
      }
    }
    expect(port.applied.map((event) => event.type === 'LICENCE_ISSUED' && event.item)).toEqual([
      'food',
    ]);
    expect(outbox.added).toEqual([]);
  });

  it('fails as a whole when even the split cannot be written (BullMQ retries it)', async () => {
    const port = new CaseInMemory({ food: 'issuing', fire: 'issuing' });
    const outbox = new OutboxInMemory();
    outbox.failing = true;
    const job = { ...REF, items: [itemOf('food'), { ...itemOf('fire'), licenceTypes: ['GONE'] }] };
    await expect(jobsOn(port, [], outbox).issue('job-1', job)).rejects.toThrow(
      /could not split after a failure/,
    );
    expect(port.applied).toEqual([]);
  });

  it('fails (for an incident) when the answers hold no holder', async () => {
    const port = new CaseInMemory({ food: 'issuing' });
    const get = port.get.bind(port);
    port.get = async () => {
      const record = await get();
      return { ...record, context: { ...record.context, answers: {} } };
    };
    await expect(jobsOn(port).issue('job-1', SINGLE_ITEM_JOB)).rejects.toThrow(
      /no holder name and ID/,
    );
  });
});
