import type { OnModuleDestroy } from '@nestjs/common';
import type { HttpAdapterSettings } from '@onevisit/config';
import type { DepartmentNotice, DepartmentNotifier } from '../department-notifier.js';
import { JsonEndpoint } from './json-endpoint.js';

/**
 * Notices to a department's officers through its office system (contract in the README):
 * `POST {DEPARTMENT_NOTIFIER_URL}` `{ messageId, department, subject, caseId?, item?,
 * complaintId? }`; any 2xx means accepted, 409 means that message id was accepted before.
 */
export class HttpDepartmentNotifier implements DepartmentNotifier, OnModuleDestroy {
  private readonly endpoint: JsonEndpoint;

  constructor(settings: HttpAdapterSettings) {
    this.endpoint = new JsonEndpoint('department notifier', settings);
  }

  async notify(messageId: string, notice: DepartmentNotice): Promise<void> {
    await this.endpoint.post(messageId, { messageId, ...notice });
  }

  onModuleDestroy(): void {
    this.endpoint.close();
  }
}
