import { Injectable } from '@nestjs/common';
import type { SupervisionCaseEvent, SupervisionPlatform } from './supervision-platform.js';
import { RecordedMessages } from './recorded-message.repository.js';

/** Records what would be pushed to the supervision platform (embedded default, tests). */
@Injectable()
export class LocalSupervisionPlatform implements SupervisionPlatform {
  constructor(private readonly messages: RecordedMessages) {}

  async pushBundlePublished(
    messageId: string,
    bundle: { code: string; version: number; checksum: string; name: { zh: string; en: string } },
  ): Promise<void> {
    await this.messages.record(messageId, 'supervision', { kind: 'bundle-published', ...bundle });
  }

  async pushCaseEvent(messageId: string, event: SupervisionCaseEvent): Promise<void> {
    await this.messages.record(messageId, 'supervision', { kind: 'case-event', ...event });
  }
}
