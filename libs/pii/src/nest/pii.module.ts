import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '@onevisit/config';
import { loadPiiKeyring } from '../pii-config.js';
import { PiiKeyring } from '../pii-keyring.js';
import { PiiAccessLog } from './pii-access-log.service.js';

/**
 * The personal-data keyring (from `PII_KEYS` / `PII_HASH_KEY`, or generated under the
 * var directory for the embedded default) and the access log. Global: the engine, the
 * licences and the API all need the same keyring.
 */
@Global()
@Module({
  providers: [
    {
      provide: PiiKeyring,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (config.database.type === 'postgres' && !process.env.PII_KEYS) {
          // Replicas must share the keys; a generated file is per machine.
          new Logger('PiiModule').warn(
            'PII_KEYS is not set: personal data is encrypted with keys generated in the var directory',
          );
        }
        return loadPiiKeyring(process.env, config.varDir);
      },
    },
    PiiAccessLog,
  ],
  exports: [PiiKeyring, PiiAccessLog],
})
export class PiiModule {}
