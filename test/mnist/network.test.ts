import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { loadMnistSplit } from '../../src/data/mnist-loader';
import { MNIST_PIXELS, selectDigits } from '../../src/mnist/data';
import { testInputs } from '../../src/mnist/experiment';
import { toSparseRows, type SparseRows } from '../../src/mnist/inputs';
import { classificationAccuracy, initMlp, mlpPredict, type Mlp } from '../../src/mnist/model';
import { PAPER_SGD, learningRate } from '../../src/mnist/schedule';
import { simdAvailable } from '../../src/mnist/simd-engine';
import { mlpLoss, mlpLossAndGradient, trainMlp } from '../../src/mnist/training';

/** Sparse random inputs (about half zeros) and labels. */
function randomData(rng: Rng, count: number, p: number, classes: number): { x: SparseRows; y: Uint8Array } {
  const dense = new Float64Array(count * p);
  for (let i = 0; i < dense.length; i++) dense[i] = rng.uniform() < 0.5 ? 0 : rng.normal();
  const y = Uint8Array.from({ length: count }, () => rng.int(classes));
  return { x: toSparseRows(dense, count, p), y };
}

const copy = (n: Mlp): Mlp => ({ ...n, w1: n.w1.slice(), b1: n.b1.slice(), w2: n.w2.slice(), b2: n.b2.slice() });

test('the gradient of the batch cross-entropy matches central finite differences', () => {
  const rng = new Rng(11);
  // hidden = 13 exercises the 8-wide blocked kernels and their remainder loop
  const p = 12, hidden = 13, classes = 4;
  const net = initMlp(p, hidden, classes, rng);
  const { x, y } = randomData(rng, 9, p, classes);
  const idx = [0, 2, 3, 5, 8];
  const { gradient } = mlpLossAndGradient(net, x, y, idx);
  const h = 1e-6;
  let worst = 0;
  for (const key of ['w1', 'b1', 'w2', 'b2'] as const) {
    for (let e = 0; e < net[key].length; e++) {
      const plus = copy(net), minus = copy(net);
      plus[key][e] += h;
      minus[key][e] -= h;
      const fd = (mlpLoss(plus, x, y, idx) - mlpLoss(minus, x, y, idx)) / (2 * h);
      const g = gradient[key][e];
      const err = Math.abs(fd - g) / Math.max(1e-4, Math.abs(fd) + Math.abs(g));
      worst = Math.max(worst, err);
      assert.ok(err < 1e-5, `${key}[${e}]: analytic ${g}, finite difference ${fd}`);
    }
  }
  assert.ok(worst < 1e-5);
});

test('training equals plain SGD with coupled weight decay step by step (reference loop)', () => {
  const p = 10, hidden = 9, classes = 3, N = 23;
  const { x, y } = randomData(new Rng(12), N, p, classes);
  // a large decay (ηλ = 0.1 per step) exercises the W₁ = c·V rescaling
  const sgd = { steps: 17, batchSize: 5, peakLr: 0.2, finalLr: 0.05, warmupSteps: 3, weightDecay: 0.5 };
  const rngA = new Rng(13);
  const a = initMlp(p, hidden, classes, rngA);
  assert.equal(trainMlp(a, x, y, sgd, rngA, 'js').backend, 'js');
  const rngB = new Rng(13);
  const b = initMlp(p, hidden, classes, rngB);
  let order = rngB.permutation(N);
  let pos = 0;
  for (let t = 0; t < sgd.steps; t++) {
    if (pos >= N) {
      order = rngB.permutation(N);
      pos = 0;
    }
    const end = Math.min(pos + sgd.batchSize, N);
    const { gradient } = mlpLossAndGradient(b, x, y, order.subarray(pos, end));
    pos = end;
    const lr = learningRate(t, sgd);
    for (const key of ['w1', 'b1', 'w2', 'b2'] as const) {
      for (let e = 0; e < b[key].length; e++) b[key][e] -= lr * (gradient[key][e] + sgd.weightDecay * b[key][e]);
    }
  }
  for (const key of ['w1', 'b1', 'w2', 'b2'] as const) {
    for (let e = 0; e < a[key].length; e++) {
      assert.ok(Math.abs(a[key][e] - b[key][e]) <= 1e-12 * (1 + Math.abs(b[key][e])), `${key}[${e}]: ${a[key][e]} vs ${b[key][e]}`);
    }
  }
});

test('the learning-rate schedule: linear warm-up to 5e-3 over 300 steps, cosine to 5e-4 at step 3000', () => {
  const s = PAPER_SGD;
  assert.ok(Math.abs(learningRate(0, s) - 5e-3 / 300) < 1e-18);
  assert.ok(Math.abs(learningRate(149, s) - 2.5e-3) < 1e-15);
  assert.ok(Math.abs(learningRate(299, s) - 5e-3) < 1e-15);
  assert.ok(Math.abs(learningRate(300, s) - 5e-3) < 1e-15);
  assert.ok(Math.abs(learningRate(300 + 1350, s) - 2.75e-3) < 1e-15);
  assert.ok(Math.abs(learningRate(3000, s) - 5e-4) < 1e-15);
  for (let t = 301; t < 3000; t++) assert.ok(learningRate(t, s) < learningRate(t - 1, s));
});

test('a short seeded training on real digits lowers the loss and predicts far above chance on the test images', () => {
  const split = loadMnistSplit();
  // the first 100 training images of each class
  const idx: number[] = [];
  for (let k = 0; k < 10; k++) for (let t = 0; t < 100; t++) idx.push(split.poolStart[k] + t);
  const train = selectDigits(split.pool, idx);
  const x = toSparseRows(train.pixels, train.count, MNIST_PIXELS, 1 / 255);
  const rng = new Rng(14);
  const net = initMlp(MNIST_PIXELS, 128, 10, rng);
  // 400 steps: the paper's recipe with a larger step (its 5e-3 needs the full 3,000 steps)
  const trace = trainMlp(net, x, train.labels, { ...PAPER_SGD, steps: 400, warmupSteps: 40, peakLr: 0.1, finalLr: 0.01 }, rng);
  assert.ok(trace.finalLoss < 0.5 * trace.initialLoss, `loss ${trace.initialLoss} → ${trace.finalLoss}`);
  const acc = classificationAccuracy(mlpPredict(net, testInputs(split.test, 'unit')), split.test.labels);
  assert.ok(acc > 0.75, `test accuracy ${acc} (chance 0.1)`);
});

test('bad network and training parameters are rejected by name', () => {
  const rng = new Rng(1);
  assert.throws(() => initMlp(0, 4, 3, rng), /p must be an integer >= 1, got 0/);
  assert.throws(() => initMlp(4, 4, 1, rng), /classes must be >= 2, got 1/);
  const net = initMlp(4, 4, 3, rng);
  const { x, y } = randomData(rng, 5, 4, 3);
  assert.throws(() => trainMlp(net, x, y, { ...PAPER_SGD, steps: 0 }, rng), /steps must be an integer >= 1, got 0/);
  assert.throws(() => trainMlp(net, x, y, { ...PAPER_SGD, peakLr: -1 }, rng), /peakLr must be a finite number > 0, got -1/);
  assert.throws(() => trainMlp(net, x, y, { ...PAPER_SGD, finalLr: 1 }, rng), /finalLr must be in \[0, peakLr = 0.005\], got 1/);
  assert.throws(() => trainMlp(net, x, y, { ...PAPER_SGD, warmupSteps: 5000 }, rng), /warmupSteps must be <= steps \(3000\), got 5000/);
  assert.throws(() => trainMlp(net, x, Uint8Array.from([0, 1, 2, 3, 0]), PAPER_SGD, rng), /labels\[3\] must be a class 0\.\.2, got 3/);
  assert.throws(() => mlpLossAndGradient(initMlp(5, 4, 3, rng), x, y), /inputs have dimension 4 but the network expects p = 5/);
});

test('the WebAssembly SIMD first layer trains like the float64 reference (to float32 rounding)', () => {
  assert.ok(simdAvailable(32), 'WebAssembly SIMD is available in Node >= 16');
  assert.ok(!simdAvailable(13));
  const p = 30, hidden = 32, classes = 5, N = 70;
  const { x, y } = randomData(new Rng(15), N, p, classes);
  const sgd = { steps: 40, batchSize: 16, peakLr: 0.05, finalLr: 0.005, warmupSteps: 4, weightDecay: 0.01 };
  const nets = (['simd', 'js'] as const).map((backend) => {
    const rng = new Rng(16);
    const net = initMlp(p, hidden, classes, rng);
    const trace = trainMlp(net, x, y, sgd, rng, backend);
    assert.equal(trace.backend, backend);
    return { net, trace };
  });
  const [s, j] = nets;
  let worst = 0;
  for (const key of ['w1', 'b1', 'w2', 'b2'] as const) {
    for (let e = 0; e < s.net[key].length; e++) worst = Math.max(worst, Math.abs(s.net[key][e] - j.net[key][e]) / (1e-3 + Math.abs(j.net[key][e])));
  }
  assert.ok(worst < 1e-4, `largest relative difference of the weights ${worst}`);
  assert.ok(Math.abs(s.trace.finalLoss - j.trace.finalLoss) < 1e-5 * j.trace.finalLoss);
  // a hidden size the kernels cannot take falls back to the reference
  const rng = new Rng(17);
  assert.equal(trainMlp(initMlp(p, 13, classes, rng), x, y, sgd, rng, 'simd').backend, 'js');
});
