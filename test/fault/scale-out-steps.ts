import { FINAL_STATUSES } from '../scale/case-autopilot.js';
import { sleep } from './private-services.js';
import type { ReplicaClient } from './replica-client.js';
import { inBatches } from './service-processes.js';

/** How the officers finish each kind of task. */
const OUTCOME: Record<string, string> = {
  review: 'done',
  procedure: 'done',
  decision: 'approve',
  'post-check': 'passed',
  'rating-follow-up': 'done',
};

export interface DriverTokens {
  clerk: string;
  applicant: string;
  officers: Map<string, string>;
}

/**
 * Live updates are polled from the database by whichever API holds the stream, so a
 * command taken by one replica reaches a stream opened on another. Opens the case's
 * stream on replica `stream`, accepts the case through replica `command`, and waits for
 * version 2 on the stream. Returns an anomaly, or null.
 */
export async function liveUpdateThroughOtherReplica(
  client: ReplicaClient,
  clerk: string,
  caseId: string,
  stream: number,
  command: number,
): Promise<string | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  try {
    const events = await fetch(`${client.urlOf(stream)}/cases/${caseId}/events`, {
      headers: { authorization: `Bearer ${clerk}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (events.status !== 200 || !events.body) return `live stream answered ${events.status}`;
    const reader = events.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let sent = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'live stream ended before the update';
      text += decoder.decode(value, { stream: true });
      if (!sent && text.includes('id: 1')) {
        sent = true;
        const accepted = await client.sendTo(command, 'POST', `/cases/${caseId}/intake`, clerk, {
          decision: 'accept',
        });
        if (accepted.status !== 200)
          return `intake through replica ${command} answered ${accepted.status}`;
      }
      if (text.includes('id: 2')) return null;
    }
  } catch (error) {
    return `no live update through the other replica within 15 s (${String(error)})`;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** Drives every case to its end (window, officers, delivery, rating), through any replica. */
export async function driveToClosed(
  client: ReplicaClient,
  caseIds: string[],
  tokens: DriverTokens,
  log: (message: string) => void,
  timeoutMs = 20 * 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let open = caseIds.length;
  while (open > 0 && Date.now() < deadline) {
    for (const [, officer] of tokens.officers) {
      const listed = await client.send('GET', '/tasks?status=open&limit=500', officer);
      if (listed.status !== 200) continue;
      await inBatches(listed.body as { id: string; kind: string }[], 10, async (task) => {
        await client.send('POST', `/tasks/${task.id}/complete`, officer, {
          outcome: OUTCOME[task.kind] ?? 'done',
        });
      });
    }
    let stillOpen = 0;
    await inBatches(caseIds, 20, async (caseId) => {
      const viewed = await client.send('GET', `/cases/${caseId}`, tokens.clerk);
      if (viewed.status !== 200) {
        stillOpen += 1;
        return;
      }
      const view = viewed.body as { status: string; allowedEvents: { type: string }[] };
      if (FINAL_STATUSES.has(view.status)) return;
      stillOpen += 1;
      const allowed = new Set(view.allowedEvents.map((event) => event.type));
      if (view.status === 'intake') {
        await client.send('POST', `/cases/${caseId}/intake`, tokens.clerk, { decision: 'accept' });
      } else if (allowed.has('DELIVER')) {
        await client.send('POST', `/cases/${caseId}/deliver`, tokens.clerk, { method: 'window' });
      } else if (allowed.has('RATE')) {
        await client.send('POST', `/cases/${caseId}/rating`, tokens.applicant, { level: 5 });
      }
    });
    open = stillOpen;
    log(`${caseIds.length - open} of ${caseIds.length} cases completed`);
    await sleep(500);
  }
}
