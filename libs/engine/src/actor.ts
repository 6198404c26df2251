import type { Identity } from '@onevisit/auth';

/** Who sends an event: a person through the API, or the system (a job, a timer). */
export type Actor =
  | {
      kind: 'user';
      identity: Identity;
      /** Applicant subject when a clerk acts for them (帮办代办). */
      proxyFor?: string;
    }
  | { kind: 'system'; source: string };

/** The actor as recorded in the append-only case event (no token, no roles beyond the useful). */
export function actorRecord(actor: Actor): Record<string, unknown> {
  switch (actor.kind) {
    case 'user':
      return {
        kind: 'user',
        sub: actor.identity.sub,
        name: actor.identity.name,
        roles: actor.identity.roles,
        ...(actor.identity.department ? { department: actor.identity.department } : {}),
        ...(actor.identity.window ? { window: actor.identity.window } : {}),
        ...(actor.proxyFor ? { proxyFor: actor.proxyFor } : {}),
      };
    case 'system':
      return { kind: 'system', source: actor.source };
  }
}
