import { Injectable } from '@nestjs/common';
import type { SupervisionCaseEvent, SupervisionPlatform } from './supervision-platform.js';
import { RecordedMessages } from './recorded-message.repository.js';

/** Demo adapter: records what would be pushed to the supervision platform (embedded default, tests). */
@Injectable()
export class DemoSupervisionPlatform implements SupervisionPlatform {
  constructor(private readonly messages: RecordedMessages) {}

  async pushBundlePublished(
    messageId: string,
    bundle: { code: string; version: number; checksum: string; name: { zh: string; en: string } },
  ): Promise<void> {
    await this.messages.record(messageId, 'supervision', { kind: 'bundle-published', ...bundle });
  }

  /** Recorded one row per milestone (`messageId:index`), as a supervisor would read them. */
  async pushCaseEvents(messageId: string, events: SupervisionCaseEvent[]): Promise<void> {
    await this.pushCaseEventMessages([{ messageId, events }]);
  }

  /** Every milestone of every message in one statement. */
  async pushCaseEventMessages(
    messages: { messageId: string; events: SupervisionCaseEvent[] }[],
  ): Promise<void> {
    await this.messages.recordAll(
      'supervision',
      messages.flatMap(({ messageId, events }) =>
        events.map((event, index) => ({
          id: `${messageId}:${index}`,
          payload: { kind: 'case-event', ...event },
        })),
      ),
    );
  }
}
