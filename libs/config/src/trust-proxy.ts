import { isIP } from 'node:net';

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY` as Fastify takes it: the proxies' addresses and ranges. A request whose
 * peer is one of them has its client address taken from `X-Forwarded-For` (from the
 * right, the first address that is not a trusted proxy). Unset: no proxy is trusted and
 * the socket's peer is the client, so a client cannot pick its own address (and so its
 * rate-limit bucket) by sending the header. (A hop count is not offered: Fastify 5 treats
 * one as trusting nobody, since it cannot check who the nearest peer is.)
 */
export function trustProxyOf(
  value: string | undefined,
  problems: string[],
): false | string[] {
  if (value === undefined) return false;
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (NAMED_RANGES.has(entry)) continue;
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    if (family === 0 || (prefix !== undefined && !(Number(prefix) <= maxPrefix))) {
      problems.push(
        `TRUST_PROXY: ${entry} is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
      );
      break;
    }
  }
  return entries;
}
