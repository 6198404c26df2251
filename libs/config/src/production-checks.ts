import type { IntegrationSettings } from './integration-settings.js';

/**
 * What production mode (`NODE_ENV=production`) refuses to start without. Each of these has
 * a convenient default for the embedded start that is wrong for a deployment: a secret or
 * keys generated into one machine's var directory (other replicas would generate their
 * own, and a lost volume loses every encrypted identifier), and demo adapters that send
 * nothing (and whose identity check accepts any well-formed ID number).
 */
export function productionProblems(
  env: Record<string, string | undefined>,
  demoPorts: string[],
  integrations: IntegrationSettings,
): string[] {
  const problems: string[] = [];
  const why = 'required in production (NODE_ENV=production)';
  if (!env.JWT_SECRET) problems.push(`JWT_SECRET: ${why}`);
  if (!env.PII_KEYS) {
    problems.push(
      `PII_KEYS: ${why}; every replica must share the keys that encrypt ID and phone numbers`,
    );
  }
  if (!env.PII_HASH_KEY) problems.push(`PII_HASH_KEY: ${why}, with PII_KEYS`);
  if (demoPorts.length > 0 && !integrations.allowDemoAdapters) {
    for (const port of demoPorts) {
      problems.push(
        `${port}: the demo adapter sends nothing in production; set ${port}=http and ${port}_URL, or ALLOW_DEMO_ADAPTERS=true for a demonstration`,
      );
    }
  }
  return problems;
}
