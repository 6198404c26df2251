import { Global, Module } from '@nestjs/common';
import { LocalSupervisionPlatform } from './local-supervision-platform.js';
import { RecordedMessages } from './recorded-message.repository.js';
import { SUPERVISION_PLATFORM } from './supervision-platform.js';

/** Adapters to external systems; the local implementations record what would be sent. */
@Global()
@Module({
  providers: [
    RecordedMessages,
    { provide: SUPERVISION_PLATFORM, useClass: LocalSupervisionPlatform },
  ],
  exports: [RecordedMessages, SUPERVISION_PLATFORM],
})
export class IntegrationsModule {}
