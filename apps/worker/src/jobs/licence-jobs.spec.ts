import type { EntityManager } from 'typeorm';
import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import type { IssueLicencesRequest, LicenceIssuer } from '@onevisit/licences';
import type { CasePort, CaseRecord } from '../cases/case-port.js';
import type { PublishedBundles } from '../cases/published-bundles.js';
import { LicenceJobs } from './licence-jobs.service.js';

/** One case in memory: `applyDecided` runs the decision and applies what it returns. */
class CaseInMemory implements CasePort {
  version = 3;
  recorded: string[] = [];
  applied: CaseEvent[] = [];

  constructor(private readonly itemStatus: string) {}

  get(): Promise<CaseRecord> {
    const context = {
      answers: { applicantName: '张三', applicantIdNumber: '11010519491231002X' },
      items: { food: { status: this.itemStatus } },
      licences: this.recorded.map((number) => ({ item: 'food', type: 'FOOD', number })),
    } as unknown as CaseContext;
    return Promise.resolve({
      id: 'case-1',
      version: this.version,
      status: 'processing',
      context,
      applicantSub: 'a',
      bundleCode: 'b',
      bundleVersion: 1,
    });
  }

  apply(): Promise<CaseRecord> {
    throw new Error('licence jobs apply through applyDecided');
  }

  async applyDecided(
    _caseId: string,
    decide: (record: CaseRecord, manager: EntityManager) => Promise<CaseEvent | null>,
  ): Promise<CaseRecord | null> {
    const event = await decide(await this.get(), {} as EntityManager);
    if (!event) return null;
    this.applied.push(event);
    if (event.type === 'LICENCE_ISSUED') this.recorded.push(...event.licences.map((l) => l.number));
    this.version++;
    return this.get();
  }
}

function jobsOn(port: CaseInMemory, requests: IssueLicencesRequest[] = []): LicenceJobs {
  const bundles = {
    resolved: () => Promise.resolve({ licenceTypes: [{ code: 'FOOD' }] }),
  } as unknown as PublishedBundles;
  const issuer = {
    prepare: () => Promise.resolve(),
    reserveNumbers: () => Promise.resolve(new Map([['FOOD', 1]])),
    issue: (request: IssueLicencesRequest) => {
      requests.push(request);
      return Promise.resolve([{ type: 'FOOD', number: 'SP-20261127-000001' }]);
    },
  } as unknown as LicenceIssuer;
  return new LicenceJobs(port, bundles, issuer);
}

const JOB = {
  caseId: 'case-1',
  caseVersion: 3,
  item: 'food',
  department: 'market',
  licenceTypes: ['FOOD'],
  onPledge: false,
};

describe('LicenceJobs.issue', () => {
  it('issues to the holder from the answers and records the licence in the case', async () => {
    const port = new CaseInMemory('issuing');
    const requests: IssueLicencesRequest[] = [];
    await jobsOn(port, requests).issue('job-1', JOB);
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
        licences: [{ type: 'FOOD', number: 'SP-20261127-000001' }],
      },
    ]);
  });

  it('issues nothing and writes nothing when run again after recording', async () => {
    const port = new CaseInMemory('committed');
    const requests: IssueLicencesRequest[] = [];
    const jobs = jobsOn(port, requests);
    await jobs.issue('job-1', JOB);
    await jobs.issue('job-1', JOB);
    expect(requests).toHaveLength(1);
    expect(port.applied).toHaveLength(1);
  });

  it('is a no-op for an item that no longer waits for its licence', async () => {
    const port = new CaseInMemory('denied');
    const requests: IssueLicencesRequest[] = [];
    await jobsOn(port, requests).issue('job-1', JOB);
    expect(requests).toEqual([]);
    expect(port.applied).toEqual([]);
  });

  it('fails (for an incident) when the answers hold no holder', async () => {
    const port = new CaseInMemory('issuing');
    const get = port.get.bind(port);
    port.get = async () => {
      const record = await get();
      return { ...record, context: { ...record.context, answers: {} } };
    };
    await expect(jobsOn(port).issue('job-1', JOB)).rejects.toThrow(/no holder name and ID/);
  });
});
