import { parseArgs } from 'node:util';
import { identityFromClaims, signToken } from '@onevisit/auth';
import { loadConfig } from '@onevisit/config';
import { runCli } from './cli-support.js';

const USAGE =
  'usage: npm run token -- --role admin [--role clerk] --sub alice [--name "Alice"] [--department market-regulation] [--window w1] [--ttl 8h]';

/** Mints a bearer token signed with the configured secret and prints it. */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      window: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const identity = identityFromClaims({
    sub: values.sub,
    name: values.name,
    roles: (values.role ?? []).flatMap((role) => role.split(',')),
    department: values.department,
    window: values.window,
  });
  if (Array.isArray(identity)) {
    console.error(`${identity.join('\n')}\n${USAGE}`);
    return 1;
  }
  const config = loadConfig();
  console.log(await signToken(config.jwt, identity, values.ttl));
  return 0;
});
