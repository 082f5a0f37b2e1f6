import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerExecutor } from '../../src/parallel/pool';
import { serialExecutor } from '../../src/sim/executor';
import { sumSquaresTask } from '../../src/parallel/selftest';
import { waitFor } from '../runner/helpers';

test('worker executor returns the serial executor\'s results in order', async () => {
  const args = Array.from({ length: 7 }, (_, i) => [Float64Array.from({ length: i + 1 }, (_, j) => j + i)]) as [Float64Array][];
  const serial = await serialExecutor(sumSquaresTask, args);
  let progress = 0;
  const parallel = await workerExecutor({ threads: 2 })(sumSquaresTask, args, (n) => { progress = n; });
  assert.deepEqual(parallel, serial);
  assert.equal(progress, 7);
});

test('a bad thread count is rejected by name', () => {
  assert.throws(() => workerExecutor({ threads: 0 }), /threads must be a positive integer, got 0/);
});

test('no worker thread outlives a call, whether it succeeds or a job fails', async () => {
  // The call resolves once every worker has exited; a worker's message port may close a moment
  // later (seen in 2 of 400 failed calls with both cores busy, gone within 50 ms), so the ports
  // are awaited with a bound: a leaked port would stay.
  const ports = (): number => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
  const before = ports();
  const args = Array.from({ length: 5 }, (_, i) => [Float64Array.from([i])]) as [Float64Array][];
  assert.deepEqual(await workerExecutor({ threads: 2 })(sumSquaresTask, args), [0, 1, 4, 9, 16]);
  assert.ok(await waitFor(() => ports() === before, 2000), `worker ports closed after a successful call (${ports()} open, ${before} before)`);
  const bad = { ...sumSquaresTask, export: 'noSuchExport' };
  await assert.rejects(workerExecutor({ threads: 2 })(bad, args), /task parallel\/selftest#noSuchExport job \d failed/);
  assert.ok(await waitFor(() => ports() === before, 2000), `worker ports closed after a failed call (${ports()} open, ${before} before)`);
});
