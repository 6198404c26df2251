import { Injectable } from '@nestjs/common';
import { RecordedMessages } from './recorded-message.repository.js';
import type { SmsGateway } from './sms-gateway.js';

/** Records the text messages it would send (embedded default, tests), channel `sms`. */
@Injectable()
export class LocalSmsGateway implements SmsGateway {
  constructor(private readonly messages: RecordedMessages) {}

  async send(
    messageId: string,
    message: { phone: string; text: string; template: string },
  ): Promise<void> {
    await this.messages.record(messageId, 'sms', { ...message });
  }
}
