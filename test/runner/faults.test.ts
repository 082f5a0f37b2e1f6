/** Timeouts, dead kernels and the command line's exit statuses, with real tslab kernels. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runNotebooks } from '../../src/runner/run';
import { readNotebook, type CodeCell } from '../../src/io/nbformat';
import { CLI, ROOT, fixture, isRunning, kernelRuns, readJson, taggedProcesses, waitFor } from './helpers';

const { tag, pids, out, opts } = kernelRuns();

const code = (path: string): CodeCell[] => readNotebook(path).cells.filter((c): c is CodeCell => c.cell_type === 'code');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    // Bounded: a hung command is killed (and then fails its assertions) instead of hanging the suite.
    const t = setTimeout(() => p.kill('SIGKILL'), 180_000);
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (c) => {
      clearTimeout(t);
      resolve({ code: c, stdout, stderr });
    });
  });
}

test('a cell past the timeout is interrupted (pending await) or its kernel killed (unbreakable loop)', async () => {
  const dir = out();
  const [interrupted, killed] = await runNotebooks([fixture('timeout.ipynb'), fixture('hang.ipynb')], opts({ outDir: dir, timeoutS: 2, interruptGraceMs: 2000 }));
  for (const s of [interrupted, killed]) {
    assert.equal(s.outcome, 'timeout');
    assert.equal(s.error?.cell, 2);
    assert.equal(s.error?.ename, 'CellTimeoutError');
    const cells = code(s.executedPath);
    const last = cells[1].outputs.at(-1) as { output_type: string; ename: string };
    assert.deepEqual([last.output_type, last.ename], ['error', 'CellTimeoutError']);
    assert.deepEqual([cells[2].execution_count, cells[2].outputs], [null, []], 'later cells do not run');
    assert.equal(readJson(s.runJsonPath).status, 'timeout');
  }
  assert.match(interrupted.error!.evalue, /did not finish within the 2 s timeout and was interrupted$/);
  assert.match(killed.error!.evalue, /did not answer the interrupt, so the kernel was killed/);
  assert.equal(pids.length, 2);
  assert.ok(pids.every((p) => !isRunning(p)));
});

test('a kernel that dies mid-run is reported as dead', async () => {
  const dir = out();
  const [s] = await runNotebooks([fixture('dead.ipynb')], opts({ outDir: dir }));
  assert.equal(s.outcome, 'dead');
  assert.deepEqual([s.error?.cell, s.error?.ename], [2, 'DeadKernelError']);
  assert.match(s.error!.evalue, /the kernel died while running cell 2 \(exit code 3\)/);
  const cells = code(s.executedPath);
  assert.deepEqual(cells[0].outputs.map((o) => o.output_type), ['stream']);
  assert.equal((cells[1].outputs.at(-1) as { ename: string }).ename, 'DeadKernelError');
  assert.deepEqual(cells[2].outputs, []);
});

test('CLI: a failing notebook ends non-zero naming notebook, cell and message; the others still run', async () => {
  const dir = out();
  const r = await cli(['run', 'test/fixtures/notebooks/error.ipynb', 'test/fixtures/notebooks/params.ipynb', '--out', dir, '--force']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /synthrmt run: test\/fixtures\/notebooks\/error\.ipynb failed \(error\): cell 2: RangeError: bad p = -1; p must be positive/);
  assert.match(r.stdout, /^ok +test\/fixtures\/notebooks\/params\.ipynb$/m);
  assert.equal(readJson(join(dir, 'executed', 'params.run.json')).status, 'ok');
  assert.deepEqual(readJson(join(dir, 'executed', 'error.run.json')).error, { cell: 2, cellIndex: 1, ename: 'RangeError', evalue: 'bad p = -1; p must be positive' });
  const cells = code(join(dir, 'executed', 'error.ipynb'));
  assert.deepEqual(cells[1].outputs.map((o) => o.output_type), ['stream', 'error'], 'the error output is in place');
  assert.deepEqual([cells[2].execution_count, cells[2].outputs], [null, []], 'the notebook stopped');
  assert.match(r.stderr, /\[error\] cell 2\/3 error/, 'plain progress lines when not a TTY');
});

test('CLI: bad input exits 2 with a clear message and executes nothing', async () => {
  const dir = out();
  const bad = join(dir, 'bad.ipynb');
  writeFileSync(bad, '{"cells": [');
  const outDir = join(dir, 'never');
  const cases: [string[], RegExp][] = [
    [[bad], /bad\.ipynb is not a valid Jupyter notebook: malformed JSON/],
    [['package.json'], /package\.json is not a valid Jupyter notebook: it has no "nbformat" field/],
    [['test/fixtures/notebooks/missing.ipynb'], /missing\.ipynb: no such file/],
    [['test/fixtures/notebooks/params.ipynb', '-p', 'nope=1'], /unknown parameter "nope" .* its parameters are: n \(number\), eps \(number\)/],
    [['test/fixtures/notebooks/params.ipynb', '-p', 'sim=maybe'], /parameter "sim" .* must be a boolean, got "maybe"/],
    [['test/fixtures/notebooks/params.ipynb', '--timeout', 'soon'], /--timeout must be a positive number of seconds, got "soon"/],
  ];
  for (const [args, re] of cases) {
    const r = await cli(['run', ...args, '--out', outDir]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  assert.equal(existsSync(outDir), false);
});

test('CLI: a runner stopped by SIGTERM takes its kernel down with it', async () => {
  const dir = out();
  const p = spawn(process.execPath, [CLI, 'run', 'test/fixtures/notebooks/timeout.ipynb', '--out', dir, '--force'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<NodeJS.Signals | null>((r) => p.on('exit', (_c, sig) => r(sig)));
  try {
    // The first cell's line means the second (which never ends) is running.
    const started = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 60_000);
      p.stderr.on('data', (d) => { stderr += d; if (stderr.includes('cell 1/3 ok')) { clearTimeout(t); resolve(true); } });
    });
    assert.ok(started, `the run did not reach its second cell: ${stderr}`);
    const kernels = taggedProcesses(tag).filter((pid) => {
      try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('launch-kernel.js'); } catch { return false; }
    });
    assert.equal(kernels.length, 1);
    p.kill('SIGTERM');
    assert.equal(await exited, 'SIGTERM');
    assert.ok(await waitFor(() => !isRunning(kernels[0]), 5000), 'the kernel outlived its runner');
  } finally {
    p.kill('SIGKILL');
  }
});

test('a cell printing 2,000 lines keeps all of them in the executed notebook, and the run is ok', async () => {
  const dir = out();
  const nbPath = join(dir, 'loud.ipynb');
  const cell = (id: string, source: string): object => ({ cell_type: 'code', id, metadata: {}, execution_count: null, outputs: [], source });
  writeFileSync(
    nbPath,
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      cells: [
        cell('a', 'for (let i = 0; i < 2000; i++) console.log(`line ${i}`);'),
        cell('b', 'for (let i = 0; i < 1500; i++) process.stdout.write(`w${i}\\n`);'),
      ],
    }),
  );
  const [s] = await runNotebooks([nbPath], opts({ outDir: join(dir, 'out') }));
  assert.equal(s.outcome, 'ok', s.error?.evalue);
  const cells = code(s.executedPath);
  const text = (c: CodeCell): string => c.outputs.map((o) => [(o as { text?: string | string[] }).text ?? ''].flat().join('')).join('');
  assert.deepEqual(text(cells[0]).split('\n').slice(0, -1), Array.from({ length: 2000 }, (_, i) => `line ${i}`));
  assert.equal(text(cells[1]).split('\n').length - 1, 1500);
});
