import { Injectable } from '@nestjs/common';
import type { DepartmentNotice, DepartmentNotifier } from './department-notifier.js';
import { RecordedMessages } from './recorded-message.repository.js';

/** Demo adapter: records department notices (channel `department`) instead of sending them. */
@Injectable()
export class DemoDepartmentNotifier implements DepartmentNotifier {
  constructor(private readonly messages: RecordedMessages) {}

  async notify(messageId: string, notice: DepartmentNotice): Promise<void> {
    await this.messages.record(messageId, 'department', { ...notice });
  }
}
