import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerExecutor } from '../../src/parallel/pool';
import { serialExecutor } from '../../src/sim/executor';
import { sumSquaresTask } from '../../src/parallel/selftest';

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
