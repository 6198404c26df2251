/**
 * Which adapter serves each port to an outside system, from the environment. Every port
 * reads the same variables under its own prefix (`SMS_GATEWAY`, `SMS_GATEWAY_URL`, …), so
 * an operator learns the pattern once.
 */

/** The ports to outside systems, by the prefix of their variables. */
export const INTEGRATION_PORTS = {
  sms: 'SMS_GATEWAY',
  sharedData: 'SHARED_DATA_GATEWAY',
  departmentNotifier: 'DEPARTMENT_NOTIFIER',
  supervision: 'SUPERVISION_PLATFORM',
} as const;

export type IntegrationPort = keyof typeof INTEGRATION_PORTS;

/** The demo adapter records what it would send in `external_message` and answers locally. */
export interface DemoAdapterSettings {
  kind: 'demo';
}

/** An HTTP adapter: JSON over HTTPS to the operator's endpoint (contract in the README). */
export interface HttpAdapterSettings {
  kind: 'http';
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** Per attempt: connect, send and read the whole answer. */
  timeoutMs: number;
  /** Further attempts after a network error, a timeout, 429 or 5xx (same message id). */
  retries: number;
  /** PEM files: a CA bundle to trust instead of the system's, and a client certificate. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

export type AdapterSettings = DemoAdapterSettings | HttpAdapterSettings;

export interface IntegrationSettings {
  adapters: Record<IntegrationPort, AdapterSettings>;
  /** Production may run demo adapters only when this is set (and says so loudly). */
  allowDemoAdapters: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;

/**
 * Reads the four ports' settings; returns the problems (one line per variable) beside
 * the settings, so that `loadConfig` reports them with every other bad variable.
 */
export function readIntegrationSettings(env: Record<string, string | undefined>): {
  settings: IntegrationSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const adapters = {} as Record<IntegrationPort, AdapterSettings>;
  for (const [port, prefix] of Object.entries(INTEGRATION_PORTS) as [IntegrationPort, string][]) {
    adapters[port] = readAdapter(env, prefix, problems);
  }
  const allow = env.ALLOW_DEMO_ADAPTERS;
  if (allow !== undefined && !['true', 'false'].includes(allow)) {
    problems.push('ALLOW_DEMO_ADAPTERS: must be true or false');
  }
  return { settings: { adapters, allowDemoAdapters: allow === 'true' }, problems };
}

/** The ports served by a demo adapter, by their variable's name. */
export function demoAdapterVariables(settings: IntegrationSettings): string[] {
  return (Object.entries(settings.adapters) as [IntegrationPort, AdapterSettings][])
    .filter(([, adapter]) => adapter.kind === 'demo')
    .map(([port]) => INTEGRATION_PORTS[port]);
}

function readAdapter(
  env: Record<string, string | undefined>,
  prefix: string,
  problems: string[],
): AdapterSettings {
  const kind = env[prefix] ?? 'demo';
  if (kind === 'demo') return { kind: 'demo' };
  if (kind !== 'http') {
    problems.push(`${prefix}: must be demo or http`);
    return { kind: 'demo' };
  }
  const url = env[`${prefix}_URL`];
  if (!url) problems.push(`${prefix}_URL: required when ${prefix}=http`);
  else if (!isHttpUrl(url)) problems.push(`${prefix}_URL: must be an http:// or https:// URL`);
  const settings: HttpAdapterSettings = {
    kind: 'http',
    url: url ?? '',
    timeoutMs: integerOf(env, `${prefix}_TIMEOUT_MS`, DEFAULT_TIMEOUT_MS, 100, 300_000, problems),
    retries: integerOf(env, `${prefix}_RETRIES`, DEFAULT_RETRIES, 0, 10, problems),
  };
  const token = env[`${prefix}_TOKEN`];
  if (token) settings.token = token;
  for (const [field, suffix] of [
    ['caFile', 'CA_FILE'],
    ['certFile', 'CERT_FILE'],
    ['keyFile', 'KEY_FILE'],
  ] as const) {
    const value = env[`${prefix}_${suffix}`];
    if (value) settings[field] = value;
  }
  if (Boolean(settings.certFile) !== Boolean(settings.keyFile)) {
    problems.push(`${prefix}_CERT_FILE: and ${prefix}_KEY_FILE must be set together`);
  }
  return settings;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function integerOf(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}: must be an integer between ${min} and ${max}`);
    return fallback;
  }
  return value;
}
