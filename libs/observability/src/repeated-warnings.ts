/**
 * One line per burst of the same warning. While Redis is down, every queue and worker
 * connection reports each failed reconnect (several a second per connection); the log
 * should say once that Redis is unreachable, then every `quietMs` how many more times it
 * was, not repeat the same stack hundreds of times.
 */
export class RepeatedWarnings {
  private readonly bursts = new Map<
    string,
    { since: number; lastSeen: number; nextWriteAt: number; unwritten: number }
  >();

  constructor(private readonly quietMs: number) {}

  /**
   * Whether to write the warning `key` now, how many of it went unwritten since the last
   * one that was, and how long its burst has lasted. A key not seen for `quietMs` starts
   * a new burst.
   */
  note(key: string, now = Date.now()): { write: boolean; unwritten: number; burstMs: number } {
    const burst = this.bursts.get(key);
    if (!burst || now - burst.lastSeen >= this.quietMs) {
      if (this.bursts.size >= MAX_KEYS) this.bursts.clear();
      this.bursts.set(key, {
        since: now,
        lastSeen: now,
        nextWriteAt: now + this.quietMs,
        unwritten: 0,
      });
      return { write: true, unwritten: 0, burstMs: 0 };
    }
    burst.lastSeen = now;
    if (now < burst.nextWriteAt) {
      burst.unwritten += 1;
      return { write: false, unwritten: 0, burstMs: now - burst.since };
    }
    const unwritten = burst.unwritten;
    burst.unwritten = 0;
    burst.nextWriteAt = now + this.quietMs;
    return { write: true, unwritten, burstMs: now - burst.since };
  }
}

/** Keys are error kinds (code and address), a handful; the cap only bounds a surprise. */
const MAX_KEYS = 100;
