/**
 * `npm run bench -- runner`: the notebook runner's fixed costs — a fresh tslab kernel's start-up
 * (spawn to ready, mean of 3, with the CPU time it took, which other load does not inflate), the
 * round trip of a trivial cell (mean of 20), and shutdown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kernel } from '../src/runner/kernel';

const CWD = join(__dirname, '..', '..', 'notebooks');

function stats(xs: number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${mean.toFixed(0)} ms (sd ${sd.toFixed(0)}, n=${xs.length})`;
}

/** CPU time (user + system, ms) used so far by process `pid` (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

export async function run(): Promise<void> {
  const starts: number[] = [];
  const startCpu: number[] = [];
  const shutdowns: number[] = [];
  const cells: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const k = await Kernel.start({ cwd: CWD });
    starts.push(performance.now() - t0);
    startCpu.push(cpuMs(k.pid));
    try {
      if (i === 0) {
        await k.execute('1'); // the first cell also warms tslab's compiler
        for (let j = 0; j < 20; j++) {
          const t = performance.now();
          const o = await k.execute('1');
          if (o.status !== 'ok') throw new Error(`trivial cell failed: ${o.status}`);
          cells.push(performance.now() - t);
        }
      }
    } finally {
      const t = performance.now();
      await k.shutdown();
      shutdowns.push(performance.now() - t);
    }
  }
  console.log(`kernel start (spawn → ready): ${stats(starts)}`);
  console.log(`  CPU time of the kernel process during start-up: ${stats(startCpu)} (independent of machine load)`);
  console.log(`trivial cell round trip ("1", after a warm-up cell): ${stats(cells)}`);
  console.log(`kernel shutdown: ${stats(shutdowns)}`);
}
