/**
 * Shared by the runner's tests: fixture paths, temp dirs, and orphan detection. Every test file
 * tags its process environment with a unique marker; kernels (and CLI children) inherit it, so
 * any process still carrying the marker after the file's runs is a leftover.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNotebooks, type RunOptions, type RunSummary } from '../../src/runner/run';
import { readNotebook, type CodeCell } from '../../src/io/nbformat';
import { silentProgress } from '../../src/runner/progress';

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

/**
 * The bookkeeping of a test file that starts real kernels; call once at the file's top level. Tags
 * the environment, records every kernel's PID (through `opts`) and every temp dir (from `out`), and
 * registers an `after` hook that fails if a kernel outlives the file's runs, then removes the dirs.
 */
export function kernelRuns(): { tag: string; pids: number[]; out: () => string; opts: (extra?: RunOptions) => RunOptions } {
  const tag = tagEnvironment();
  const pids: number[] = [];
  const temps: (() => void)[] = [];
  after(async () => {
    assert.ok(await waitFor(() => pids.every((p) => !isRunning(p)) && taggedProcesses(tag).length === 0, 5000), `leftover kernels: ${taggedProcesses(tag)}`);
    for (const c of temps) c();
  });
  return {
    tag,
    pids,
    /** A fresh temporary directory, removed after the file's tests. */
    out: () => {
      const t = tempDir();
      temps.push(t.cleanup);
      return t.dir;
    },
    /** Run options: silent progress, kernel PIDs recorded, then `extra`. */
    opts: (extra: RunOptions = {}) => ({ progress: silentProgress, onKernelStart: (pid) => pids.push(pid), ...extra }),
  };
}

/** Runs the repository's notebooks/<file> headlessly (forced) into `options.outDir`, parameters injected. */
export async function runRepoNotebook(file: string, options: RunOptions): Promise<RunSummary> {
  const [s] = await runNotebooks([join(ROOT, 'notebooks', file)], { force: true, progress: silentProgress, ...options });
  return s;
}

/** The MIME bundles of every code cell's outputs in the notebook at `path`, in order ({} for an output without data). */
export function outputBundles(path: string): Record<string, unknown>[] {
  return readNotebook(path)
    .cells.filter((c): c is CodeCell => c.cell_type === 'code')
    .flatMap((c) => c.outputs)
    .map((o) => ('data' in o ? (o.data as Record<string, unknown>) : {}));
}
