/**
 * Issue 13 against real tslab kernels: no output lost (or the cell fails saying so), no colour in
 * printed values, a kernel killed by running out of heap named as such, and no kernel (nor its
 * connection file with the HMAC key) left behind by a runner SIGKILLed while a cell runs
 * synchronous code.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { freePorts } from '../../src/runner/connection';
import { describeExit, Kernel, liveKernelPids, type ExecuteOutcome } from '../../src/runner/kernel';
import { FIXTURES, isRunning, spawnReporting, tagEnvironment, taggedProcesses, waitFor } from './helpers';

const tag = tagEnvironment();
const kernels: Kernel[] = [];

async function start(env: NodeJS.ProcessEnv = {}): Promise<Kernel> {
  const k = await Kernel.start({ cwd: FIXTURES, env: { ...process.env, ...env } });
  kernels.push(k);
  return k;
}

after(async () => {
  for (const k of kernels) await k.shutdown();
  assert.deepEqual(liveKernelPids(), []);
  assert.ok(await waitFor(() => taggedProcesses(tag).length === 0, 5000), `leftover processes: ${taggedProcesses(tag)}`);
});

const stdout = (o: ExecuteOutcome): string =>
  o.iopub
    .filter((m) => m.header.msg_type === 'stream')
    .map((m) => String((m.content as { text?: unknown }).text))
    .join('');

test('every line of a cell that prints thousands arrives, and the cell closes normally', async () => {
  const k = await start();
  const viaLog = await k.execute('for (let i = 0; i < 2000; i++) console.log(`line ${i}`);', { timeoutMs: 60_000 });
  assert.equal(viaLog.status, 'ok');
  assert.deepEqual(stdout(viaLog).split('\n').slice(0, -1), Array.from({ length: 2000 }, (_, i) => `line ${i}`));
  // The idle status itself arrived (not the 4 s fallback for a lost one).
  assert.ok(viaLog.timing['iopub.status.idle']);
  assert.equal(viaLog.lost, undefined);
  const viaWrite = await k.execute('for (let i = 0; i < 1500; i++) process.stdout.write(`w${i}\\n`);', { timeoutMs: 60_000 });
  assert.equal(viaWrite.status, 'ok');
  assert.equal(stdout(viaWrite).split('\n').length - 1, 1500);
  assert.ok(stdout(viaWrite).endsWith('w1499\n'));
});

test('output lost on the way fails the cell with OutputLostError (zeromq defaults re-enabled to lose it)', async () => {
  const k = await start({ SYNTHRMT_IOPUB_ZEROMQ_DEFAULTS: '1' });
  const o = await k.execute('for (let i = 0; i < 2000; i++) console.log(`line ${i}`);', { timeoutMs: 60_000 });
  assert.equal(o.status, 'error');
  assert.ok(o.lost, 'the loss is reported');
  assert.ok(stdout(o).split('\n').length - 1 < 2000, 'this configuration does lose lines');
  const err = o.iopub.find((m) => m.header.msg_type === 'error');
  assert.equal((err?.content as { ename?: string }).ename, 'OutputLostError');
  assert.match(String((err?.content as { evalue?: string }).evalue), /output of this cell was lost/);
  // A small cell still passes its count check.
  await new Promise((r) => setTimeout(r, 250));
  const small = await k.execute('console.log("x")');
  assert.equal(small.status, 'ok');
  assert.equal(small.lost, undefined);
});

test('values are printed without ANSI colour even with FORCE_COLOR=1 in the environment', async () => {
  const k = await start({ FORCE_COLOR: '1' });
  const o = await k.execute('42');
  assert.equal(stdout(o), '42\n');
  const obj = await k.execute('({ a: 1, s: "t" })');
  assert.doesNotMatch(stdout(obj), /\x1b\[/);
});

test('a kernel that runs out of heap is reported as out of memory', async () => {
  const k = await start({ NODE_OPTIONS: '--max-old-space-size=192' });
  const o = await k.execute('const keep: number[][] = []; while (true) keep.push(new Array(1e5).fill(Math.random()));', { timeoutMs: 120_000 });
  assert.equal(o.status, 'dead');
  await k.exited;
  assert.equal(k.exitStatus?.outOfMemory, true, k.log.slice(-500));
  assert.match(describeExit(k.exitStatus), /^out of memory/);
});

test('a runner SIGKILLed during a synchronous busy cell takes its kernel and connection file with it', async () => {
  const script = `
    const { Kernel } = require(${JSON.stringify(require.resolve('../../src/runner/kernel'))});
    Kernel.start({ cwd: ${JSON.stringify(FIXTURES)} }).then((k) => {
      process.stdout.write(JSON.stringify({ pid: k.pid, conn: k.connectionFile }) + '\\n');
      k.execute('const t0 = Date.now(); while (true) {}');
    });
  `;
  const { child, first } = spawnReporting<{ pid: number; conn: string }>(script, 'the kernel', 60_000);
  let kernelPid = 0;
  try {
    const info = await first;
    kernelPid = info.pid;
    assert.ok(existsSync(info.conn));
    // Let the busy loop start (it never reads stdin), then kill the runner.
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(isRunning(kernelPid));
    child.kill('SIGKILL');
    assert.ok(await waitFor(() => !isRunning(kernelPid), 10_000), `kernel ${kernelPid} outlived its runner`);
    assert.ok(await waitFor(() => !existsSync(dirname(info.conn)), 5000), 'the connection directory (HMAC key) was left behind');
  } finally {
    child.kill('SIGKILL');
    if (kernelPid && isRunning(kernelPid)) process.kill(kernelPid, 'SIGKILL');
  }
});

test('a kernel port taken by another process before the kernel binds it: the start is retried with fresh ports', async () => {
  // The race behind a CI failure: a port reported free was taken before tslab bound it; tslab logs
  // EADDRINUSE and keeps running without that socket, and the start used to wait its full minute.
  const taken: Server = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
  const busy = (taken.address() as import('node:net').AddressInfo).port;
  const attempts: number[][] = [];
  const liveBefore = liveKernelPids().length;
  try {
    const k = await Kernel.start({
      cwd: FIXTURES,
      startTimeoutMs: 60_000,
      ports: async () => {
        const fresh = await freePorts(5);
        const ports = attempts.length === 0 ? [fresh[0], busy, fresh[2], fresh[3], fresh[4]] : fresh; // iopub taken first
        attempts.push(ports);
        return ports;
      },
    });
    kernels.push(k);
    assert.equal(attempts.length, 2, 'one retry, with fresh ports');
    assert.ok(!attempts[1].includes(busy));
    const o = await k.execute('console.log(6 * 7)', { timeoutMs: 30_000 });
    assert.equal(o.status, 'ok');
    assert.equal(stdout(o), '42\n');
    assert.equal(liveKernelPids().length, liveBefore + 1, 'the first attempt\'s kernel is gone');
  } finally {
    taken.close();
  }
});
