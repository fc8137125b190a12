import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time by process, read from Linux's /proc (clock ticks of 1/100 s), to say where a phase's
 * CPU went: the API, PostgreSQL (the postmaster and every backend, the ones that exited included),
 * the load generator and pgbench. Elsewhere than Linux every figure is NaN and the bench says n/a.
 */
const TICK = 100;

interface Stat {
  ppid: number;
  /** user + system time of the process itself */
  own: number;
  /** user + system time of its children that have exited and been waited for */
  reaped: number;
}

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3 of proc(5)); utime is field 14, so fields[11].
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { ppid: Number(fields[1]), own: (utime! + stime!) / TICK, reaped: (cutime! + cstime!) / TICK };
  } catch {
    return null;
  }
}

/** The parent of a process (NaN when it cannot be read). */
export function parentOf(pid: number): number {
  return stat(pid)?.ppid ?? NaN;
}

/** CPU seconds of one process. */
export function processCpu(pid: number): number {
  return stat(pid)?.own ?? NaN;
}

/** CPU seconds of a process and all its descendants, living and exited (a PostgreSQL server). */
export function treeCpu(root: number): number {
  const rootStat = stat(root);
  if (!rootStat) return NaN;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let total = rootStat.own + rootStat.reaped;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      total += stat(child)?.own ?? 0;
      walk(child);
    }
  };
  walk(root);
  return total;
}

/** This process's CPU seconds, and those of its exited children (pgbench runs as one). */
export function selfCpu(): { own: number; children: number } {
  const s = stat(process.pid);
  if (!s) return { own: NaN, children: NaN };
  return { own: s.own, children: s.reaped };
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = ticks[3]! + (ticks[4] ?? 0); // idle + iowait
    return { busy: (total - idle) / TICK, total: total / TICK };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

export interface CpuSnapshot {
  api: number;
  postgres: number;
  bench: number;
  pgbench: number;
  machineBusy: number;
  machineTotal: number;
  at: number;
}

/** Where the CPU of one phase went. */
export class CpuMeter {
  constructor(
    private readonly apiPid: number,
    private readonly postmasterPid: number,
  ) {}

  snapshot(): CpuSnapshot {
    const self = selfCpu();
    const machine = machineCpu();
    return {
      api: processCpu(this.apiPid),
      postgres: treeCpu(this.postmasterPid),
      bench: self.own,
      pgbench: self.children,
      machineBusy: machine.busy,
      machineTotal: machine.total,
      at: performance.now(),
    };
  }

  /** CPU seconds per component between two snapshots, and how busy the machine was (0..1). */
  static between(a: CpuSnapshot, b: CpuSnapshot) {
    return {
      api: b.api - a.api,
      postgres: b.postgres - a.postgres,
      bench: b.bench - a.bench,
      pgbench: b.pgbench - a.pgbench,
      busy: (b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal),
      seconds: (b.at - a.at) / 1000,
    };
  }
}
