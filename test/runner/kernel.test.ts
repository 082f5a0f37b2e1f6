/**
 * The kernel driver against a real tslab kernel: protocol, outputs, interrupts, and the tslab
 * behaviours the runner and the notebooks rely on (documented in notebooks/README.md).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kernel, liveKernelPids } from '../../src/runner/kernel';
import { FIXTURES, isRunning, spawnReporting, tagEnvironment, taggedProcesses, waitFor } from './helpers';

const tag = tagEnvironment();
let kernel: Kernel;

before(async () => {
  kernel = await Kernel.start({ cwd: FIXTURES });
});

after(async () => {
  await kernel?.shutdown();
  assert.deepEqual(liveKernelPids(), []);
  assert.ok(await waitFor(() => taggedProcesses(tag).length === 0, 5000), `leftover processes: ${taggedProcesses(tag)}`);
});

function texts(o: Awaited<ReturnType<Kernel['execute']>>): string[] {
  return o.iopub.map((m) => `${m.header.msg_type}:${(m.content as { name?: string }).name ?? ''}:${(m.content as { text?: string }).text ?? ''}`);
}

test('execute collects the iopub messages of the request in order, with the reply', async () => {
  const o = await kernel.execute('console.log("a"); console.error("b"); console.log("c"); 6 * 7');
  assert.equal(o.status, 'ok');
  assert.equal(typeof o.executionCount, 'number');
  assert.deepEqual(texts(o), ['stream:stdout:a\n', 'stream:stderr:b\n', 'stream:stdout:c\n', 'stream:stdout:42\n']);
  assert.ok(o.timing['iopub.status.busy'] && o.timing['shell.execute_reply'] && o.timing['iopub.status.idle']);
  // tslab prints a cell's last expression to stdout: there is no execute_result message.
  assert.ok(!o.iopub.some((m) => m.header.msg_type === 'execute_result'));
});

test('tslab lets later cells redeclare let, const and var (what injected parameters rely on)', async () => {
  for (const [code, expect] of [
    ['let n = 3; const c = "a"; var v = 1; function sameCell() { return `${n} ${c} ${v}`; }', null],
    ['function show() { return `${n} ${c} ${v}`; }', null],
    ['let n = 4;', null],
    ['const c = "b";', null],
    ['var v = 2;', null],
    ['show()', '4 b 2\n'],
    // Quirk: a function declared in the SAME cell as the variables keeps the first values.
    ['sameCell()', '3 a 1\n'],
  ] as const) {
    const o = await kernel.execute(code);
    assert.equal(o.status, 'ok', code);
    if (expect) assert.deepEqual(texts(o), [`stream:stdout:${expect}`]);
  }
  // Assigning to a const of an earlier cell is a compile error (hence redeclaration).
  const bad = await kernel.execute('c = "z";');
  assert.equal(bad.status, 'error');
  assert.match(texts(bad).join(''), /Cannot assign to 'c' because it is a constant/);
  await new Promise((r) => setTimeout(r, 250)); // tslab aborts requests within 200 ms of an error
});

test('tslab quirk: object shorthand of a variable from an earlier cell is a ReferenceError', async () => {
  const o = await kernel.execute('console.log(JSON.stringify({ n }))');
  assert.equal(o.status, 'error');
  assert.match(texts(o).join(''), /ReferenceError: n is not defined/);
  await new Promise((r) => setTimeout(r, 250));
  const ok = await kernel.execute('console.log(JSON.stringify({ n: n }))');
  assert.deepEqual(texts(ok), ['stream:stdout:{"n":4}\n']);
});

test('a request sent right after a failed one is aborted by tslab, then accepted', async () => {
  const err = await kernel.execute('throw new Error("x")');
  assert.equal(err.status, 'error');
  const aborted = await kernel.execute('1');
  assert.equal(aborted.status, 'abort');
  await new Promise((r) => setTimeout(r, 250));
  assert.equal((await kernel.execute('1')).status, 'ok');
});

test('top-level await works, and a timeout interrupts a pending await and a busy loop (SIGINT)', async () => {
  const o = await kernel.execute('const w = await new Promise<number>((r) => setTimeout(() => r(5), 20)); w');
  assert.deepEqual(texts(o), ['stream:stdout:5\n']);
  for (const code of ['await new Promise(() => {});', 'while (true) {}']) {
    const t = await kernel.execute(code, { timeoutMs: 1000, interruptGraceMs: 10_000 });
    assert.equal(t.status, 'timeout', code);
    assert.deepEqual(t.timedOut, { interrupted: true, killed: false });
    assert.ok(kernel.alive);
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(texts(await kernel.execute('w + 1')), ['stream:stdout:6\n'], 'the kernel keeps its state after an interrupt');
});

test('a kernel whose runner is SIGKILLed exits by itself (its stdin pipe closes)', async () => {
  const script = `
    const { Kernel } = require(${JSON.stringify(require.resolve('../../src/runner/kernel'))});
    Kernel.start({ cwd: ${JSON.stringify(FIXTURES)} }).then((k) => { process.stdout.write(JSON.stringify({ pid: k.pid, conn: k.connectionFile }) + '\\n'); setInterval(() => {}, 1000); });
  `;
  // process.stdout.write, not console.log: under FORCE_COLOR console.log colours the number.
  const { child, first } = spawnReporting<{ pid: number; conn: string }>(script, 'the kernel', 60_000);
  let pid = 0;
  try {
    const { pid: p, conn } = await first;
    pid = p;
    assert.ok(isRunning(pid), `kernel pid ${pid}`);
    assert.ok(existsSync(conn));
    child.kill('SIGKILL');
    assert.ok(await waitFor(() => !isRunning(pid), 10_000), `kernel ${pid} outlived its runner`);
    assert.ok(await waitFor(() => !existsSync(dirname(conn)), 5000), 'the connection directory (HMAC key) was left behind');
    assert.ok(existsSync(FIXTURES));
  } finally {
    // Never leave the runner (or its kernel) behind, whatever failed above.
    child.kill('SIGKILL');
    if (pid > 0 && isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
});
