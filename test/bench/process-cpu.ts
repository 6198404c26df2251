/**
 * CPU time of processes on this machine, from /proc (Linux). Where there is no /proc the
 * figures are null and left out of the report.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, ms) used so far by a process, and its command name. */
function readStat(pid: string): { name: string; ms: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
    return { name, ms: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return null;
  }
}

/** CPU time (ms) used so far by these processes; null where there is no /proc. */
export function cpuMsOf(pids: number[]): number | null {
  if (pids.length === 0) return null;
  let total = 0;
  for (const pid of pids) {
    const stat = readStat(String(pid));
    if (!stat) return null;
    total += stat.ms;
  }
  return total;
}

/**
 * CPU used by every process of the given command names (`postgres`, `redis-server`)
 * while it runs. It samples every 100 ms because PostgreSQL backends end with their
 * connections: a process that ends between two samples loses at most its last 100 ms.
 * It counts every such process on the machine, not only the bench's.
 */
export class ProcessCpuSampler {
  private readonly seen = new Map<string, { name: string; first: number; last: number }>();
  /**
   * Processes of other names, not read again: the sampler runs in the bench's process,
   * and reading every process's stat ten times a second cost that process about as much
   * CPU as a few cases.
   */
  private readonly others = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly available: boolean;

  constructor(private readonly names: readonly string[]) {
    this.available = readStat('self') !== null;
    this.sample(true);
    this.timer = setInterval(() => this.sample(), 100);
  }

  /** Stops sampling; CPU ms used by each name since the start, or null without /proc. */
  stop(): Record<string, number> | null {
    clearInterval(this.timer);
    if (!this.available) return null;
    this.sample();
    const used = Object.fromEntries(this.names.map((name) => [name, 0]));
    for (const { name, first, last } of this.seen.values()) used[name] += last - first;
    return used;
  }

  /** `atStart`: processes seen now count from here; any seen later started since. */
  private sample(atStart = false): void {
    if (!this.available) return;
    for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      if (this.others.has(pid)) continue;
      const stat = readStat(pid);
      if (!stat) continue;
      if (!this.names.includes(stat.name)) {
        this.others.add(pid);
        continue;
      }
      const known = this.seen.get(pid);
      if (known) known.last = stat.ms;
      else this.seen.set(pid, { name: stat.name, first: atStart ? stat.ms : 0, last: stat.ms });
    }
  }
}
