import type { CaseContext } from '@onevisit/definitions';
import type { CaseRecord } from '../case-port.js';

/** A processing case `case-1` as the worker's stand-in ports hand it to jobs in unit tests. */
export function caseRecordWith(context: Partial<CaseContext>, version: number): CaseRecord {
  return {
    id: 'case-1',
    version,
    status: 'processing',
    context: context as CaseContext,
    applicantSub: 'a',
    bundleCode: 'b',
    bundleVersion: 1,
  };
}
