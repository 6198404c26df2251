import type { CaseStatus } from '@onevisit/persistence';

/** The summary status stored beside the snapshot, read from the `case` region's value. */
export function caseStatusOf(value: unknown): CaseStatus {
  const region = (value as { case?: unknown }).case;
  if (typeof region === 'string') {
    switch (region) {
      case 'correction':
      case 'rejected':
      case 'withdrawn':
      case 'delivered':
      case 'closed':
        return region;
      default:
        return 'intake';
    }
  }
  const nested = (region ?? {}) as Record<string, unknown>;
  if ('delivery' in nested) return 'delivery';
  const processing = nested.processing as { work?: unknown } | undefined;
  return processing?.work === 'suspended' ? 'suspended' : 'processing';
}
