import { Injectable } from '@nestjs/common';
import { RecordedMessages } from './recorded-message.repository.js';
import type { SmsGateway } from './sms-gateway.js';

/** Demo adapter: records the text messages it would send (embedded default, tests), channel `sms`. */
@Injectable()
export class DemoSmsGateway implements SmsGateway {
  constructor(private readonly messages: RecordedMessages) {}

  async send(
    messageId: string,
    message: { phone: string; text: string; template: string },
  ): Promise<void> {
    await this.messages.record(messageId, 'sms', { ...message });
  }
}
