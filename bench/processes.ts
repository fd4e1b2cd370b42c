/**
 * RSS and CPU of every process the bench started, from /proc (Linux): each direct child of the
 * bench with everything below it (Postgres' backends count towards Postgres). RSS sums of a
 * process tree count shared pages once per process, so Postgres' figure is an upper bound.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

interface Sample {
  /** CPU seconds (user + system) of the tree. */
  cpuS: number;
  rssMb: number;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function readStat(pid: number): { ppid: number; cpuS: number; childrenCpuS: number; comm: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: the fields after it start at the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is state (field 3); utime and stime are fields 14 and 15.
    // cutime and cstime (16, 17): children that ended and were waited for, such as Postgres' backends of closed connections.
    return {
      ppid: Number(fields[1]),
      cpuS: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      childrenCpuS: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS,
      comm,
    };
  } catch {
    return undefined;
  }
}

function readRssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Direct children of this process, named by `names` (pid -> name) or by their command. */
function snapshot(names: ReadonlyMap<number, string>): Map<string, Sample & { pid: number }> {
  const parents = new Map<number, number>();
  const stats = new Map<number, { cpuS: number; childrenCpuS: number; comm: string }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    parents.set(pid, stat.ppid);
    stats.set(pid, stat);
  }
  const rootOf = (pid: number): number | undefined => {
    let current = pid;
    for (let depth = 0; depth < 20; depth++) {
      const parent = parents.get(current);
      if (parent === undefined) return undefined;
      if (parent === process.pid) return current;
      current = parent;
    }
    return undefined;
  };
  const result = new Map<string, Sample & { pid: number }>();
  for (const [pid, stat] of stats) {
    const root = pid === process.pid ? undefined : rootOf(pid);
    // tsx's esbuild service transpiles for the bench itself: part of the load generator.
    if (root === undefined || stats.get(root)?.comm === 'esbuild') continue;
    const name = names.get(root) ?? stats.get(root)?.comm ?? String(root);
    const entry = result.get(name) ?? { pid: root, cpuS: 0, rssMb: 0 };
    entry.cpuS += stat.cpuS + stat.childrenCpuS;
    entry.rssMb += readRssMb(pid);
    result.set(name, entry);
  }
  // The bench itself (load generator and clients) is on the machine too.
  result.set('bench (load generator)', {
    pid: process.pid,
    cpuS: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
  });
  return result;
}

export interface UsageWindow {
  name: string;
  pid: number;
  rssMb: number;
  peakRssMb: number;
  cpuPercent: number;
}

/**
 * Samples every second between start() and stop(): CPU % of one core over the window (so 150 means
 * one and a half cores), RSS at the end and its peak.
 */
export function usageWindow(names: () => ReadonlyMap<number, string>): { stop(): UsageWindow[] } {
  const first = snapshot(names());
  const startedAt = Date.now();
  const peaks = new Map<string, number>();
  let last = first;
  const sample = () => {
    last = snapshot(names());
    for (const [name, entry] of last) peaks.set(name, Math.max(peaks.get(name) ?? 0, entry.rssMb));
  };
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
      return [...last].map(([name, entry]) => ({
        name,
        pid: entry.pid,
        rssMb: Math.round(entry.rssMb * 10) / 10,
        peakRssMb: Math.round((peaks.get(name) ?? entry.rssMb) * 10) / 10,
        // Never below zero: a process that ended before its parent waited for it leaves the sum for a moment.
        cpuPercent: Math.max(0, Math.round(((entry.cpuS - (first.get(name)?.cpuS ?? 0)) / seconds) * 1000) / 10),
      }));
    },
  };
}
