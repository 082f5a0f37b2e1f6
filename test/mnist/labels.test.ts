import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMnistSplit } from '../../src/data/mnist-loader';
import { buildTrainingSet, SyntheticStreams, type TrainingJob } from '../../src/mnist/experiment';
import { applyLabelNoise, shareCount } from '../../src/mnist/label-noise';
import { PAPER_SGD } from '../../src/mnist/network';
import { pruneSynthetic } from '../../src/mnist/pruning';

const classes = (m: number): Uint8Array => {
  const y = new Uint8Array(10 * m);
  for (let k = 0; k < 10; k++) y.fill(k, k * m, (k + 1) * m);
  return y;
};

test('label noise: exactly ⌊ε·m⌋ of each class, the first ones, get (k + 1) mod 10', () => {
  for (const [eps, m, flips] of [[0.3, 25, 7], [0.3, 50, 15], [0.3, 125, 37], [0.3, 750, 225], [0.29, 100, 29], [0, 40, 0], [1, 9, 9]] as const) {
    const truth = classes(m);
    const noisy = applyLabelNoise(truth, eps);
    for (let k = 0; k < 10; k++) {
      for (let i = 0; i < m; i++) {
        const want = i < flips ? (k + 1) % 10 : k;
        assert.equal(noisy[k * m + i], want, `ε ${eps}, m ${m}, class ${k}, image ${i}`);
      }
    }
  }
  // interleaved classes: counts are per class, in array order
  const mixed = Uint8Array.from([3, 4, 3, 4, 3, 4, 3, 4]);
  assert.deepEqual(Array.from(applyLabelNoise(mixed, 0.5)), [4, 5, 4, 5, 3, 4, 3, 4]);
});

test('pruning keeps exactly the first ⌊φ·#correct⌋ and ⌊ρ·#wrong⌋ of each class', () => {
  const m = 750;
  const truth = classes(m);
  const noisy = applyLabelNoise(truth, 0.3);
  const r = pruneSynthetic(truth, noisy, 0.1, 0.9);
  assert.equal(r.wrong, 2250);
  assert.equal(r.correct, 5250);
  assert.equal(r.keptWrong, 10 * 22); // ⌊0.1·225⌋
  assert.equal(r.keptCorrect, 10 * 472); // ⌊0.9·525⌋
  for (let k = 0; k < 10; k++) {
    for (let i = 0; i < m; i++) {
      const want = i < 225 ? i < 22 : i - 225 < 472;
      assert.equal(r.keep[k * m + i], want ? 1 : 0, `class ${k}, image ${i}`);
    }
  }
  const oracle = pruneSynthetic(truth, noisy, 0, 1);
  assert.equal(oracle.keptWrong, 0);
  assert.equal(oracle.keptCorrect, 5250);
  const none = pruneSynthetic(truth, noisy, 1, 1);
  assert.equal(none.keptWrong + none.keptCorrect, 7500);
  assert.equal(shareCount(0.9, 10), 9);
  assert.equal(shareCount(0.7, 10), 7);
});

test('a Figure 7 training set has n real images per class plus exactly the kept synthetic ones', () => {
  const split = loadMnistSplit(200, 0);
  const job: TrainingJob = {
    seed: 1, seedIndex: 0, m: 25, epsilon: 0.3, rho: 0.1, phi: 0.9, generator: { kind: 'estimated', nUse: 10 },
    settings: { n: 5, hidden: 8, sgd: { ...PAPER_SGD }, ridgeGamma: 1 },
  };
  const d = buildTrainingSet(split, job);
  // per class: 7 wrong → ⌊0.7⌋ = 0 kept; 18 correct → ⌊16.2⌋ = 16 kept
  assert.equal(d.keptWrong, 0);
  assert.equal(d.keptCorrect, 160);
  assert.equal(d.x.count, 10 * 5 + 160);
  const none = buildTrainingSet(split, { ...job, rho: 1, phi: 1 });
  assert.equal(none.keptWrong, 70);
  assert.equal(none.x.count, 50 + 250);
  // labels: real first (5 per class), then each class's kept images; wrong ones carry (k+1) mod 10
  const counts = new Array(10).fill(0);
  for (let i = 50; i < none.labels.length; i++) counts[none.labels[i]]++;
  assert.deepEqual(counts, new Array(10).fill(25));
  // same seed, same set; the real images do not depend on m
  const again = buildTrainingSet(split, job);
  assert.deepEqual(Array.from(again.x.vals), Array.from(d.x.vals));
  const m0 = buildTrainingSet(split, { ...job, m: 0 });
  assert.deepEqual(Array.from(m0.x.vals), Array.from(d.x.vals.subarray(0, m0.x.vals.length)));
  // inputs are pixels / 255
  let max = 0;
  for (const v of d.x.vals) max = Math.max(max, v);
  assert.ok(max > 0.9 && max < 3, `max input ${max}`);
});

test('bad label-noise, pruning and job parameters are rejected by name', () => {
  assert.throws(() => applyLabelNoise([0, 1], 1.5), /epsilon \(ε\) must be in \[0, 1\], got 1.5/);
  assert.throws(() => applyLabelNoise([0, 10], 0.1), /trueLabels\[1\] must be a class 0\.\.9, got 10/);
  assert.throws(() => pruneSynthetic([0], [0], -0.1, 1), /rho \(ρ\) must be in \[0, 1\], got -0.1/);
  assert.throws(() => pruneSynthetic([0], [0], 0, NaN), /phi \(φ\) must be in \[0, 1\], got NaN/);
  assert.throws(() => pruneSynthetic([0, 1], [0], 0, 1), /labels has length 1 but trueLabels has length 2/);
  const split = loadMnistSplit(200, 0);
  const job: TrainingJob = {
    seed: 1, seedIndex: 0, m: 5, epsilon: 0, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: 0 },
    settings: { n: 5, hidden: 8, sgd: { ...PAPER_SGD }, ridgeGamma: 1 },
  };
  assert.throws(() => buildTrainingSet(split, { ...job, m: -1 }), /m \(synthetic images per class\) must be an integer >= 0, got -1/);
  assert.throws(() => buildTrainingSet(split, { ...job, settings: { ...job.settings, n: 700 } }), /n \(real images per class\) must be an integer in 1\.\.663/);
  assert.throws(() => buildTrainingSet(split, { ...job, generator: { kind: 'estimated', nUse: 1 } }), /nUse \(n_use\) must be 0 \(all pool images\) or an integer >= 2, got 1/);
});

test('synthetic images reused from earlier jobs of the same stream equal freshly drawn ones', () => {
  const split = loadMnistSplit(200, 0);
  const job: TrainingJob = {
    seed: 3, seedIndex: 1, m: 30, epsilon: 0.3, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: 20 },
    settings: { n: 2, hidden: 8, sgd: { ...PAPER_SGD }, ridgeGamma: 1 },
  };
  const streams = new SyntheticStreams(10);
  // a smaller m first (the stream is extended later), then a larger one, then the first again
  const a = buildTrainingSet(split, { ...job, m: 12 }, streams);
  const b = buildTrainingSet(split, job, streams);
  const c = buildTrainingSet(split, { ...job, m: 12, rho: 1 }, streams);
  assert.deepEqual(Array.from(a.x.vals), Array.from(buildTrainingSet(split, { ...job, m: 12 }).x.vals));
  assert.deepEqual(Array.from(b.x.vals), Array.from(buildTrainingSet(split, job).x.vals));
  assert.deepEqual(Array.from(c.x.vals), Array.from(buildTrainingSet(split, { ...job, m: 12, rho: 1 }).x.vals));
  assert.throws(() => new SyntheticStreams(0), /maxStreams must be an integer >= 1, got 0/);
});
