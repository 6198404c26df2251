import { Global, Module } from '@nestjs/common';
import { DEPARTMENT_NOTIFIER } from './department-notifier.js';
import { LocalDepartmentNotifier } from './local-department-notifier.js';
import { LocalSharedDataGateway } from './local-shared-data-gateway.js';
import { LocalSmsGateway } from './local-sms-gateway.js';
import { LocalSupervisionPlatform } from './local-supervision-platform.js';
import { RecordedMessages } from './recorded-message.repository.js';
import { SHARED_DATA_GATEWAY } from './shared-data-gateway.js';
import { SMS_GATEWAY } from './sms-gateway.js';
import { SUPERVISION_PLATFORM } from './supervision-platform.js';

/** Adapters to external systems; the local implementations record what would be sent. */
@Global()
@Module({
  providers: [
    RecordedMessages,
    { provide: SUPERVISION_PLATFORM, useClass: LocalSupervisionPlatform },
    { provide: SMS_GATEWAY, useClass: LocalSmsGateway },
    { provide: SHARED_DATA_GATEWAY, useClass: LocalSharedDataGateway },
    { provide: DEPARTMENT_NOTIFIER, useClass: LocalDepartmentNotifier },
  ],
  exports: [
    RecordedMessages,
    SUPERVISION_PLATFORM,
    SMS_GATEWAY,
    SHARED_DATA_GATEWAY,
    DEPARTMENT_NOTIFIER,
  ],
})
export class IntegrationsModule {}
