import type { OnModuleDestroy } from '@nestjs/common';
import type { HttpAdapterSettings } from '@onevisit/config';
import type { IdentityCheckResult, SharedDataGateway } from '../shared-data-gateway.js';
import { JsonEndpoint } from './json-endpoint.js';

const RESULTS = new Set<IdentityCheckResult['result']>(['match', 'mismatch', 'invalid']);

/**
 * Identity checks against the shared population data (contract in the README):
 * `POST {SHARED_DATA_GATEWAY_URL}` `{ queryId, name, idNumber }` → 200
 * `{ result: "match" | "mismatch" | "invalid", detail }`. The same query id asked again
 * must get the same answer (the gateway keeps its audit trail by query id). Any other
 * answer is an error, never taken for a result: the job retries, then becomes an incident.
 */
export class HttpSharedDataGateway implements SharedDataGateway, OnModuleDestroy {
  private readonly endpoint: JsonEndpoint;

  constructor(settings: HttpAdapterSettings) {
    this.endpoint = new JsonEndpoint('shared data gateway', settings);
  }

  async checkIdentity(
    queryId: string,
    person: { name: string; idNumber: string },
  ): Promise<IdentityCheckResult> {
    const answer = await this.endpoint.post(queryId, { queryId, ...person });
    const body = answer.body as Partial<IdentityCheckResult> | null;
    if (
      answer.status !== 200 ||
      !body ||
      !RESULTS.has(body.result as IdentityCheckResult['result']) ||
      typeof body.detail !== 'string'
    ) {
      throw new Error(
        `shared data gateway answered ${answer.status} without a result for query ${queryId}`,
      );
    }
    return { result: body.result as IdentityCheckResult['result'], detail: body.detail };
  }

  onModuleDestroy(): void {
    this.endpoint.close();
  }
}
