import type { OnModuleDestroy } from '@nestjs/common';
import type { HttpAdapterSettings } from '@onevisit/config';
import type { SupervisionCaseEvent, SupervisionPlatform } from '../supervision-platform.js';
import { JsonEndpoint } from './json-endpoint.js';

type SupervisionMessage =
  | {
      messageId: string;
      kind: 'bundle-published';
      bundle: { code: string; version: number; checksum: string; name: { zh: string; en: string } };
    }
  | { messageId: string; kind: 'case-events'; events: SupervisionCaseEvent[] };

/**
 * Reports to the supervision platform (contract in the README): every call is
 * `POST {SUPERVISION_PLATFORM_URL}` `{ messages: [...] }`, one message or a batch (批量上报)
 * in order, each with its own `messageId`; the platform stores each message id once. Any
 * 2xx means all were accepted; the batch's `Idempotency-Key` is its first message id
 * joined with its size, so a batch sent again is recognised as a whole too.
 */
export class HttpSupervisionPlatform implements SupervisionPlatform, OnModuleDestroy {
  private readonly endpoint: JsonEndpoint;

  constructor(settings: HttpAdapterSettings) {
    this.endpoint = new JsonEndpoint('supervision platform', settings);
  }

  async pushBundlePublished(
    messageId: string,
    bundle: { code: string; version: number; checksum: string; name: { zh: string; en: string } },
  ): Promise<void> {
    await this.upload([{ messageId, kind: 'bundle-published', bundle }]);
  }

  async pushCaseEvents(messageId: string, events: SupervisionCaseEvent[]): Promise<void> {
    await this.upload([{ messageId, kind: 'case-events', events }]);
  }

  async pushCaseEventMessages(
    messages: { messageId: string; events: SupervisionCaseEvent[] }[],
  ): Promise<void> {
    if (messages.length === 0) return;
    await this.upload(
      messages.map(({ messageId, events }) => ({ messageId, kind: 'case-events', events })),
    );
  }

  onModuleDestroy(): void {
    this.endpoint.close();
  }

  private async upload(messages: SupervisionMessage[]): Promise<void> {
    const first = messages[0]?.messageId ?? '';
    const key = messages.length === 1 ? first : `${first}+${messages.length}`;
    await this.endpoint.post(key, { messages });
  }
}
