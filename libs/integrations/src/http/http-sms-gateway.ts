import type { OnModuleDestroy } from '@nestjs/common';
import type { HttpAdapterSettings } from '@onevisit/config';
import type { SmsGateway } from '../sms-gateway.js';
import { JsonEndpoint } from './json-endpoint.js';

/**
 * Text messages through the operator's SMS gateway (contract in the README):
 * `POST {SMS_GATEWAY_URL}` `{ messageId, phone, template, text }`; any 2xx means
 * accepted, 409 means that message id was accepted before.
 */
export class HttpSmsGateway implements SmsGateway, OnModuleDestroy {
  private readonly endpoint: JsonEndpoint;

  constructor(settings: HttpAdapterSettings) {
    this.endpoint = new JsonEndpoint('SMS gateway', settings);
  }

  async send(
    messageId: string,
    message: { phone: string; text: string; template: string },
  ): Promise<void> {
    await this.endpoint.post(messageId, { messageId, ...message });
  }

  onModuleDestroy(): void {
    this.endpoint.close();
  }
}
