import { Injectable } from '@nestjs/common';
import { residentIdNumberProblem } from '@onevisit/definitions';
import { maskIdNumber } from './masking.js';
import { RecordedMessages } from './recorded-message.repository.js';
import type { IdentityCheckResult, SharedDataGateway } from './shared-data-gateway.js';

/**
 * Demo adapter. Without the real population database, it can only say whether an ID
 * number is well formed (dates, check digit) and a name is given; it records each query
 * (channel `shared-data`, ID number masked) as the audit trail the real one would keep.
 * It answers "match" for any well-formed number with a name: never a check in production.
 */
@Injectable()
export class DemoSharedDataGateway implements SharedDataGateway {
  constructor(private readonly messages: RecordedMessages) {}

  async checkIdentity(
    queryId: string,
    person: { name: string; idNumber: string },
  ): Promise<IdentityCheckResult> {
    const problem = residentIdNumberProblem(person.idNumber);
    const outcome: IdentityCheckResult = problem
      ? { result: 'invalid', detail: problem }
      : person.name.trim() === ''
        ? { result: 'mismatch', detail: 'no name given for the ID number' }
        : { result: 'match', detail: 'well-formed ID number (local check only)' };
    await this.messages.record(queryId, 'shared-data', {
      kind: 'identity-check',
      idNumber: maskIdNumber(person.idNumber),
      ...outcome,
    });
    return outcome;
  }
}
