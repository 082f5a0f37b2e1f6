/**
 * Shared by the runner's tests: fixture paths, temp dirs, and orphan detection. Every test file
 * tags its process environment with a unique marker; kernels (and CLI children) inherit it, so
 * any process still carrying the marker after the file's runs is a leftover.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'notebooks');
export const CLI = join(ROOT, 'bin', 'synthrmt.js');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix = 'synthrmt-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Marks this process's environment (inherited by kernels and CLI children); returns the marker. */
export function tagEnvironment(): string {
  const tag = randomUUID();
  process.env.SYNTHRMT_TEST_TAG = tag;
  return tag;
}

/** PIDs of other processes whose environment carries `SYNTHRMT_TEST_TAG=tag` (Linux /proc). */
export function taggedProcesses(tag: string): number[] {
  const needle = Buffer.from(`SYNTHRMT_TEST_TAG=${tag}\0`);
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`).includes(needle)) {
        // Zombies awaiting their parent's wait() are gone for our purpose.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z') out.push(Number(name));
      }
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return out;
}

/** Whether a process with this PID is running (not a zombie). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits up to `ms` for `cond` to hold. */
export async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
