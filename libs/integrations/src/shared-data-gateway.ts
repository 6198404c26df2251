/**
 * The shared population and enterprise data (共享数据) that lets a department check what
 * an applicant declared instead of asking for a paper copy.
 */
export interface IdentityCheckResult {
  /** `match`: the record exists and agrees; `mismatch`: it does not; `invalid`: not a valid number. */
  result: 'match' | 'mismatch' | 'invalid';
  /** Why, in a sentence an operator can read. */
  detail: string;
}

export interface SharedDataGateway {
  checkIdentity(
    queryId: string,
    person: { name: string; idNumber: string },
  ): Promise<IdentityCheckResult>;
}

export const SHARED_DATA_GATEWAY = Symbol('SharedDataGateway');
