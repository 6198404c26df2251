import { loadConfig } from '@onevisit/config';
import { loadPiiKeyring, reencryptStoredPii } from '@onevisit/pii';
import { openDataSource, runCli } from './cli-support.js';

/**
 * Key rotation for personal data: after putting the new key first in `PII_KEYS` (old
 * keys still listed), re-encrypts every stored value under it. Then the old key can go.
 */
runCli(async () => {
  const config = loadConfig();
  const keyring = loadPiiKeyring(process.env, config.varDir);
  const dataSource = await openDataSource(config);
  try {
    const result = await reencryptStoredPii(dataSource, keyring);
    console.log(
      `re-encrypted under key ${keyring.currentKeyId}: ${result.cases} case(s), ${result.events} event(s), ${result.licences} licence(s)`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
});
