/**
 * Wall and CPU time for the benchmarks. The CPU time is this process's, all threads included
 * (worker threads too), and is less sensitive than wall time to other processes on a shared machine.
 */

export interface TimeMark {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

/** Now, to measure from. */
export function mark(): TimeMark {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

/** Milliseconds of wall and CPU time since `m`. */
export function elapsed(m: TimeMark): { wallMs: number; cpuMs: number } {
  const c = process.cpuUsage(m.cpu);
  return { wallMs: performance.now() - m.wall, cpuMs: (c.user + c.system) / 1000 };
}

/** "X s wall, Y s CPU" since `m`. */
export function since(m: TimeMark): string {
  const e = elapsed(m);
  return `${(e.wallMs / 1000).toFixed(2)} s wall, ${(e.cpuMs / 1000).toFixed(2)} s CPU`;
}
