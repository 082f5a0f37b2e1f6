/**
 * Shared by the runner's tests (and the CLI, io and render tests that spawn processes): fixture
 * paths, temp dirs, running the built CLI, processes that report on their first stdout line, and
 * orphan detection. Every test file tags its process environment with a unique marker; kernels
 * (and CLI children) inherit it, so any process still carrying the marker after the file's runs
 * is a leftover.
 *
 * Under `node --test dist/test/` (a directory named test) Node 20 runs every .js file below it,
 * this one included: it must stay free of top-level side effects (it then reports no tests).
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { runNotebooks, type RunOptions, type RunSummary } from '../../src/runner/run';
import { readNotebook, type CodeCell } from '../../src/io/nbformat';
import { silentProgress } from '../../src/runner/progress';

export const ROOT = join(__dirname, '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'notebooks');
export const CLI = join(ROOT, 'bin', 'synthrmt.js');

/**
 * Runs the built CLI (`node bin/synthrmt.js ...args`) from the repository root to its end: `input`
 * on its stdin, `env` over this process's environment, killed after `timeout` ms (default 60 s).
 */
export function synthrmt(
  args: string[],
  { input, env = {}, timeout = 60_000 }: { input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, ...env }, timeout });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

/**
 * The fields of /proc/<pid>/stat after the command name (Linux proc(5): state, ppid, pgrp), or
 * null once the process is gone or not ours to read. The name, in parentheses, may hold spaces.
 */
export function procStat(pid: number): { state: string; ppid: number; pgid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0], ppid: Number(rest[1]), pgid: Number(rest[2]) };
  } catch {
    return null;
  }
}

/** Whether a process with this PID is running (not a zombie: those awaiting their parent's wait() are gone for our purpose). */
export function isRunning(pid: number): boolean {
  const s = procStat(pid);
  return s !== null && s.state !== 'Z';
}

/** The PIDs listed in /proc. */
function procPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** PIDs of other processes whose environment carries `SYNTHRMT_TEST_TAG=tag` (Linux /proc), zombies excluded. */
export function taggedProcesses(tag: string): number[] {
  const needle = Buffer.from(`SYNTHRMT_TEST_TAG=${tag}\0`);
  return procPids().filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`).includes(needle) && isRunning(pid);
    } catch {
      return false; // exited meanwhile, or not ours to read
    }
  });
}

/** PIDs of the processes in process group `pgid` (Linux /proc), zombies excluded. */
export function groupMembers(pgid: number): number[] {
  return procPids().filter((pid) => {
    const s = procStat(pid);
    return s !== null && s.state !== 'Z' && s.pgid === pgid;
  });
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

/**
 * Starts `node -e script` (stdout piped, stderr inherited) and, in `first`, the JSON of the first
 * line it prints: rejected if `what` has not been reported within `timeoutMs`, or if the script
 * exits before. Returned at once so that the caller can kill `child` in a finally whatever happens.
 */
export function spawnReporting<T>(script: string, what: string, timeoutMs = 60_000): { child: ChildProcessByStdio<null, Readable, null>; first: Promise<T> } {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = new Promise<T>((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      buf += d;
      if (buf.includes('\n')) {
        clearTimeout(t);
        try {
          resolve(JSON.parse(buf.slice(0, buf.indexOf('\n'))) as T);
        } catch (e) {
          reject(e);
        }
      }
    });
    child.once('exit', (c) => {
      clearTimeout(t);
      reject(new Error(`the script exited (${c}) before reporting that ${what} started`));
    });
  });
  return { child, first };
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
