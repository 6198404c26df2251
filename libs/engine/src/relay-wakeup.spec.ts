import { wakeRelaysAfterCommit } from './relay-wakeup.js';

/** Stand-ins that count what they were asked to do. */
function standIns(relayRunning: boolean) {
  const calls = { kicks: 0, pings: 0 };
  const relay = {
    kick: () => {
      calls.kicks++;
      return relayRunning;
    },
  };
  const ping = { publish: () => void calls.pings++ };
  return { calls, relay, ping };
}

describe('waking the outbox relays after a commit', () => {
  it('leaves the rows to this process’s relay when it runs one, and tells no other process', () => {
    const { calls, relay, ping } = standIns(true);
    wakeRelaysAfterCommit(relay, ping);
    expect(calls).toEqual({ kicks: 1, pings: 0 });
  });

  it('wakes the other processes’ relays when this one is not running (shutting down)', () => {
    const { calls, relay, ping } = standIns(false);
    wakeRelaysAfterCommit(relay, ping);
    expect(calls).toEqual({ kicks: 1, pings: 1 });
  });

  it('wakes the other processes’ relays from a process without one (the API)', () => {
    const { calls, ping } = standIns(false);
    wakeRelaysAfterCommit(undefined, ping);
    expect(calls).toEqual({ kicks: 0, pings: 1 });
  });
});
