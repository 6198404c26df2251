import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import { StaleCaseVersion } from '@onevisit/engine';
import type { LicenceIssuer } from '@onevisit/licences';
import { CaseEventsSender } from '../cases/case-events.sender.js';
import type { CasePort, CaseRecord } from '../cases/case-port.js';
import type { PublishedBundles } from '../cases/published-bundles.js';
import { LicenceJobs } from './licence-jobs.service.js';

/** A case row that other writers keep moving on: each of the first `losses` sends loses the race. */
class RacingCase implements CasePort {
  version = 3;
  recorded: string[] = [];
  sends: number[] = [];

  constructor(private losses: number) {}

  get(): Promise<CaseRecord> {
    const context = {
      answers: { applicantName: '张三', applicantIdNumber: '11010519491231002X' },
      items: { food: { status: 'issuing' } },
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

  async apply(
    caseId: string,
    event: CaseEvent,
    _actor: unknown,
    options?: { expectedVersion?: number },
  ): Promise<CaseRecord> {
    this.sends.push(options?.expectedVersion ?? -1);
    if (this.losses > 0) {
      this.losses--;
      this.version++; // another item's job committed first
      throw new StaleCaseVersion(caseId, options?.expectedVersion ?? 0);
    }
    if (event.type === 'LICENCE_ISSUED') this.recorded.push(...event.licences.map((l) => l.number));
    this.version++;
    return this.get();
  }
}

function jobsOn(port: RacingCase): LicenceJobs {
  const bundles = {
    resolved: () => Promise.resolve({ licenceTypes: [{ code: 'FOOD' }] }),
  } as unknown as PublishedBundles;
  const issuer = {
    issue: () => Promise.resolve([{ type: 'FOOD', number: 'SP-20261127-000001' }]),
  } as unknown as LicenceIssuer;
  return new LicenceJobs(port, bundles, issuer, new CaseEventsSender(port));
}

const JOB = {
  caseId: 'case-1',
  caseVersion: 3,
  item: 'food',
  department: 'market',
  licenceTypes: ['FOOD'],
  onPledge: false,
};

describe('LicenceJobs.issue on a contended case row', () => {
  it('rereads and resends on the fresh version after losing races, instead of failing the job', async () => {
    const port = new RacingCase(3);
    await jobsOn(port).issue('job-1', JOB);
    expect(port.recorded).toEqual(['SP-20261127-000001']);
    // Each attempt names the version it has just read: 3, then 4, 5, 6 after each lost race.
    expect(port.sends).toEqual([3, 4, 5, 6]);
  });

  it('leaves a case row that never settles to BullMQ’s retry', async () => {
    const port = new RacingCase(100);
    await expect(jobsOn(port).issue('job-2', JOB)).rejects.toBeInstanceOf(StaleCaseVersion);
    expect(port.recorded).toEqual([]);
    expect(port.sends.length).toBeGreaterThan(1);
  });
});
