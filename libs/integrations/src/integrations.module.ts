import { Global, Module } from '@nestjs/common';
import { type AdapterSettings, AppConfig } from '@onevisit/config';
import { DEPARTMENT_NOTIFIER, type DepartmentNotifier } from './department-notifier.js';
import { DemoDepartmentNotifier } from './demo-department-notifier.js';
import { DemoSharedDataGateway } from './demo-shared-data-gateway.js';
import { DemoSmsGateway } from './demo-sms-gateway.js';
import { DemoSupervisionPlatform } from './demo-supervision-platform.js';
import { HttpDepartmentNotifier } from './http/http-department-notifier.js';
import { HttpSharedDataGateway } from './http/http-shared-data-gateway.js';
import { HttpSmsGateway } from './http/http-sms-gateway.js';
import { HttpSupervisionPlatform } from './http/http-supervision-platform.js';
import { RecordedMessages } from './recorded-message.repository.js';
import { SHARED_DATA_GATEWAY, type SharedDataGateway } from './shared-data-gateway.js';
import { SMS_GATEWAY, type SmsGateway } from './sms-gateway.js';
import { SUPERVISION_PLATFORM, type SupervisionPlatform } from './supervision-platform.js';

/** The demo adapter or the HTTP adapter of one port, as the configuration says. */
function adapter<T>(
  settingsOf: (config: AppConfig) => AdapterSettings,
  demo: (messages: RecordedMessages) => T,
  http: (settings: Extract<AdapterSettings, { kind: 'http' }>) => T,
) {
  return {
    inject: [AppConfig, RecordedMessages],
    useFactory: (config: AppConfig, messages: RecordedMessages): T => {
      const settings = settingsOf(config);
      return settings.kind === 'http' ? http(settings) : demo(messages);
    },
  };
}

/**
 * Adapters to outside systems, chosen by configuration (`SMS_GATEWAY=http` …). The demo
 * adapters record what they would send in `external_message`; production refuses them
 * unless `ALLOW_DEMO_ADAPTERS=true` (checked in `loadConfig`); every process says so at
 * boot (ObservabilityModule) and in `/metrics` (`onevisit_demo_adapter`).
 */
@Global()
@Module({
  providers: [
    RecordedMessages,
    {
      provide: SUPERVISION_PLATFORM,
      ...adapter<SupervisionPlatform>(
        (config) => config.integrations.adapters.supervision,
        (messages) => new DemoSupervisionPlatform(messages),
        (settings) => new HttpSupervisionPlatform(settings),
      ),
    },
    {
      provide: SMS_GATEWAY,
      ...adapter<SmsGateway>(
        (config) => config.integrations.adapters.sms,
        (messages) => new DemoSmsGateway(messages),
        (settings) => new HttpSmsGateway(settings),
      ),
    },
    {
      provide: SHARED_DATA_GATEWAY,
      ...adapter<SharedDataGateway>(
        (config) => config.integrations.adapters.sharedData,
        (messages) => new DemoSharedDataGateway(messages),
        (settings) => new HttpSharedDataGateway(settings),
      ),
    },
    {
      provide: DEPARTMENT_NOTIFIER,
      ...adapter<DepartmentNotifier>(
        (config) => config.integrations.adapters.departmentNotifier,
        (messages) => new DemoDepartmentNotifier(messages),
        (settings) => new HttpDepartmentNotifier(settings),
      ),
    },
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
