/** The outbox relay of this process, if it runs one (worker, embedded). */
export interface LocalRelay {
  /** Relays now; false when this relay is not running. */
  kick(): boolean;
}

/** Wakes the relays of other processes (Redis pub/sub). */
export interface RelayPing {
  publish(): void;
}

/**
 * After a commit that wrote outbox rows: this process's own relay takes them when it
 * runs one; the relays of other processes are woken only when it does not (the API, or a
 * worker shutting down with jobs in flight). Every relay's poll stays as the fallback.
 */
export function wakeRelaysAfterCommit(relay?: LocalRelay, ping?: RelayPing): void {
  if (relay?.kick()) return;
  ping?.publish();
}
