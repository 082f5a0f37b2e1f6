import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadFig7Published, loadMnist, loadMnistSplit } from '../../src/data/mnist-loader';
import { MNIST_PIXELS, classCounts, splitMnist, type MnistDigits } from '../../src/mnist/data';
import { parseFig7Published } from '../../src/mnist/published';

test('the mnist package gives 10,000 digits on the 0–255 scale, recovered exactly from its 3-decimal floats', () => {
  const d = loadMnist();
  assert.equal(d.count, 10000);
  assert.deepEqual(Array.from(classCounts(d)), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  // Each stored value v = round(g/255, 3) must be within 5e-4 of g/255 for the recovered level g.
  const raw = (JSON.parse(readFileSync(require.resolve('mnist/src/digits/7.json'), 'utf8')) as { data: number[] }).data;
  const start = d.labels.indexOf(7) * MNIST_PIXELS;
  let maxErr = 0, max = 0;
  for (let i = 0; i < raw.length; i++) {
    maxErr = Math.max(maxErr, Math.abs(raw[i] - d.pixels[start + i] / 255));
    max = Math.max(max, d.pixels[start + i]);
  }
  assert.ok(maxErr <= 5e-4 + 1e-12, `max |v − g/255| = ${maxErr}`);
  assert.equal(max, 255);
});

/** Fake digits whose first two pixels encode their index, so images can be identified after a split. */
function fakeDigits(perClass: number[]): MnistDigits {
  const count = perClass.reduce((a, b) => a + b, 0);
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let i = 0;
  perClass.forEach((c, k) => {
    for (let t = 0; t < c; t++, i++) {
      labels[i] = k;
      pixels[i * MNIST_PIXELS] = i & 255;
      pixels[i * MNIST_PIXELS + 1] = i >> 8;
    }
  });
  return { count, pixels, labels };
}

const ids = (d: MnistDigits): number[] => Array.from({ length: d.count }, (_, i) => d.pixels[i * MNIST_PIXELS] + 256 * d.pixels[i * MNIST_PIXELS + 1]);

test('the split holds out testPerClass images per class, disjoint from the pool, fixed by its seed', () => {
  const d = fakeDigits([30, 25, 40, 22, 31, 27, 29, 33, 26, 24]);
  const s = splitMnist(d, 5, 3);
  assert.equal(s.test.count, 50);
  assert.deepEqual(Array.from(classCounts(s.test)), new Array(10).fill(5));
  const testIds = new Set(ids(s.test)), poolIds = ids(s.pool);
  assert.equal(poolIds.length, d.count - 50);
  for (const id of poolIds) assert.ok(!testIds.has(id), `image ${id} is in both test and pool`);
  assert.equal(new Set([...testIds, ...poolIds]).size, d.count);
  // labels survive the split and the pool is ordered class by class
  for (let i = 0; i < s.pool.count; i++) assert.equal(s.pool.labels[i], d.labels[poolIds[i]]);
  for (let k = 0; k < 10; k++) for (let i = s.poolStart[k]; i < s.poolStart[k + 1]; i++) assert.equal(s.pool.labels[i], k);
  assert.deepEqual(ids(splitMnist(d, 5, 3).test), ids(s.test));
  assert.notDeepEqual(ids(splitMnist(d, 5, 4).test), ids(s.test));
});

test('the default split of the real digits: 2,000 test images, 8,000 in the pool', () => {
  const s = loadMnistSplit(200, 0);
  assert.equal(s.test.count, 2000);
  assert.equal(s.pool.count, 8000);
  assert.equal(s.poolStart[6] - s.poolStart[5], 663);
});

test('bad split parameters are rejected by name', () => {
  const d = fakeDigits(new Array(10).fill(6));
  assert.throws(() => splitMnist(d, 0), /testPerClass must be an integer >= 1, got 0/);
  assert.throws(() => splitMnist(d, 6), /testPerClass = 6 leaves no training images for class 0/);
  assert.throws(() => splitMnist({ ...d, labels: d.labels.slice(1) }), /labels must be a Uint8Array of length/);
});

test('the published Figure 7 accuracies ship with the repository and parse', () => {
  const rows = loadFig7Published();
  assert.equal(rows.length, 42);
  const oracle750 = rows.find((r) => r.series === 'oracle' && r.m === 750);
  assert.equal(oracle750?.accuracyPct, 89.2);
  assert.throws(() => parseFig7Published('a,b\n1,2\n'), /header must be/);
  assert.throws(
    () => parseFig7Published('panel,series,epsilon,rho,phi,stats,m_per_class,test_accuracy_pct\nlabel-noise,oracle,0.3,0,1,all,x,75\n'),
    /line 2: m_per_class must be a number, got "x"/,
  );
});
