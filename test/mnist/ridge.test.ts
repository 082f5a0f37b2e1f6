import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, inverse } from 'ml-matrix';
import { Rng } from '../../src/random/rng';
import { loadMnistSplit } from '../../src/data/mnist-loader';
import { MNIST_PIXELS, selectDigits } from '../../src/mnist/data';
import { testInputs } from '../../src/mnist/experiment';
import { toSparseRows } from '../../src/mnist/inputs';
import { classificationAccuracy } from '../../src/mnist/model';
import { fitRidgeClassifier, ridgePredict } from '../../src/mnist/ridge';

test('the ridge weights equal (XᵀX/N + γI)⁻¹XᵀY/N with ±1 one-vs-rest targets (dense reference)', () => {
  const rng = new Rng(21);
  // sparse rows (the scattered Gram update) and dense rows (the contiguous one)
  for (const [N, p, density] of [[40, 7, 0.6], [60, 24, 0.12], [50, 24, 0.9]] as const) {
    const K = 3, gamma = 0.3;
    const dense = new Float64Array(N * p);
    for (let i = 0; i < dense.length; i++) dense[i] = rng.uniform() < density ? rng.normal() : 0;
    const y = Uint8Array.from({ length: N }, () => rng.int(K));
    const model = fitRidgeClassifier(toSparseRows(dense, N, p), y, gamma, K);
    const X = new Matrix(N, p);
    for (let i = 0; i < N; i++) for (let a = 0; a < p; a++) X.set(i, a, dense[i * p + a]);
    const Y = new Matrix(N, K);
    for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) Y.set(i, k, y[i] === k ? 1 : -1);
    const A = X.transpose().mmul(X).div(N).add(Matrix.eye(p).mul(gamma));
    const W = inverse(A).mmul(X.transpose().mmul(Y).div(N));
    for (let a = 0; a < p; a++) {
      for (let k = 0; k < K; k++) {
        const w = model.weights[k * p + a];
        assert.ok(Math.abs(w - W.get(a, k)) < 1e-10 * (1 + Math.abs(W.get(a, k))), `p ${p}, density ${density}: W[${a}][${k}]: ${w} vs ${W.get(a, k)}`);
      }
    }
  }
});

test('the ridge classifier on 50 real digits per class is far above chance on the test images', () => {
  const split = loadMnistSplit();
  const idx: number[] = [];
  for (let k = 0; k < 10; k++) for (let t = 0; t < 50; t++) idx.push(split.poolStart[k] + t);
  const train = selectDigits(split.pool, idx);
  const model = fitRidgeClassifier(toSparseRows(train.pixels, train.count, MNIST_PIXELS, 1 / 255), train.labels, 1);
  const acc = classificationAccuracy(ridgePredict(model, testInputs(split.test, 'unit')), split.test.labels);
  assert.ok(acc > 0.65, `ridge test accuracy ${acc} (chance 0.1)`);
});

test('bad ridge parameters are rejected by name', () => {
  const x = toSparseRows(new Float64Array(6), 2, 3);
  assert.throws(() => fitRidgeClassifier(x, [0, 1], 0), /gamma \(γ\) must be a finite number > 0, got 0/);
  assert.throws(() => fitRidgeClassifier(x, [0], 1), /labels has length 1 but there are 2 inputs/);
  assert.throws(() => fitRidgeClassifier(x, [0, 12], 1), /labels\[1\] must be a class 0\.\.9, got 12/);
});
