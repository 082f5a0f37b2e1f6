import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMnistSplit } from '../../src/data/mnist-loader';
import { poolClassImages } from '../../src/mnist/data';
import { denseRow } from '../../src/mnist/inputs';
import { buildTrainingSet, SyntheticStreams, type TrainingJob } from '../../src/mnist/experiment';
import { applyLabelNoise, shareCount } from '../../src/mnist/label-noise';
import { PAPER_SGD } from '../../src/mnist/schedule';
import { pruneSynthetic } from '../../src/mnist/pruning';

const classes = (m: number): Uint8Array => {
  const y = new Uint8Array(10 * m);
  for (let k = 0; k < 10; k++) y.fill(k, k * m, (k + 1) * m);
  return y;
};

test('label noise: exactly ⌊ε·m⌋ of each class, the last ones, get (k + 1) mod 10', () => {
  for (const [eps, m, flips] of [[0.3, 25, 7], [0.3, 50, 15], [0.3, 125, 37], [0.3, 750, 225], [0.29, 100, 29], [0, 40, 0], [1, 9, 9]] as const) {
    const truth = classes(m);
    const noisy = applyLabelNoise(truth, eps);
    for (let k = 0; k < 10; k++) {
      for (let i = 0; i < m; i++) {
        const want = i >= m - flips ? (k + 1) % 10 : k;
        assert.equal(noisy[k * m + i], want, `ε ${eps}, m ${m}, class ${k}, image ${i}`);
      }
    }
  }
  // interleaved classes: counts are per class, in array order
  const mixed = Uint8Array.from([3, 4, 3, 4, 3, 4, 3, 4]);
  assert.deepEqual(Array.from(applyLabelNoise(mixed, 0.5)), [3, 4, 3, 4, 4, 5, 4, 5]);
});

test('pruning (paper): the first ⌊φ·#correct⌋ and ⌊ρ·#wrong⌋ over all synthetic images, in class order', () => {
  const m = 750;
  const truth = classes(m);
  const noisy = applyLabelNoise(truth, 0.3);
  const r = pruneSynthetic(truth, noisy, 0.1, 0.9);
  assert.equal(r.wrong, 2250);
  assert.equal(r.correct, 5250);
  assert.equal(r.keptWrong, 225); // ⌊0.1·2250⌋: the 225 wrong images of class 0
  assert.equal(r.keptCorrect, 4725); // ⌊0.9·5250⌋: classes 0–8 whole (9 × 525), class 9 none
  for (let k = 0; k < 10; k++) {
    for (let i = 0; i < m; i++) {
      const want = i < 525 ? k <= 8 : k === 0;
      assert.equal(r.keep[k * m + i], want ? 1 : 0, `class ${k}, image ${i}`);
    }
  }
  // counts that end inside a class: m = 25, ε = 0.3 → 18 correct + 7 wrong per class
  const t25 = classes(25);
  const r25 = pruneSynthetic(t25, applyLabelNoise(t25, 0.3), 0.1, 0.9);
  assert.equal(r25.keptCorrect, 162); // ⌊0.9·180⌋: 9 classes × 18
  assert.equal(r25.keptWrong, 7); // ⌊0.1·70⌋: class 0's 7 wrong
  assert.deepEqual(Array.from(r25.keep.subarray(8 * 25, 9 * 25)), [...new Array(18).fill(1), ...new Array(7).fill(0)]);
  const c9 = Array.from(r25.keep.subarray(9 * 25, 10 * 25));
  assert.equal(c9.reduce((a, b) => a + b, 0), 0);
  const oracle = pruneSynthetic(truth, noisy, 0, 1);
  assert.equal(oracle.keptWrong, 0);
  assert.equal(oracle.keptCorrect, 5250);
  const none = pruneSynthetic(truth, noisy, 1, 1);
  assert.equal(none.keptWrong + none.keptCorrect, 7500);
  assert.equal(shareCount(0.9, 10), 9);
  assert.equal(shareCount(0.7, 10), 7);
});

test('pruning per class (variant): ⌊φ·#correct_k⌋ and ⌊ρ·#wrong_k⌋ of each class', () => {
  const m = 750;
  const truth = classes(m);
  const r = pruneSynthetic(truth, applyLabelNoise(truth, 0.3), 0.1, 0.9, 10, true);
  assert.equal(r.keptWrong, 10 * 22);
  assert.equal(r.keptCorrect, 10 * 472);
  for (let k = 0; k < 10; k++) {
    for (let i = 0; i < m; i++) assert.equal(r.keep[k * m + i], (i < 525 ? i < 472 : i - 525 < 22) ? 1 : 0, `class ${k}, image ${i}`);
  }
});

const settings = { n: 5, hidden: 8, sgd: { ...PAPER_SGD }, ridgeGamma: 1, inputs: 'raw' as const, prunePerClass: false };

test('a Figure 7 training set: the first n images of each class, then exactly the kept synthetic ones', () => {
  const split = loadMnistSplit();
  const job: TrainingJob = {
    seed: 1, seedIndex: 0, m: 25, epsilon: 0.3, rho: 0.1, phi: 0.9, generator: { kind: 'estimated', nUse: 10 }, settings,
  };
  const d = buildTrainingSet(split, job);
  assert.equal(d.keptWrong, 7);
  assert.equal(d.keptCorrect, 162);
  assert.equal(d.x.count, 10 * 5 + 169);
  // the real images are the first 5 of each class, raw grey levels, in class order
  for (let k = 0; k < 10; k++) {
    for (let t = 0; t < 5; t++) {
      const row = denseRow(d.x, 5 * k + t);
      assert.deepEqual(Array.from(row), Array.from(poolClassImages(split, k, t + 1).subarray(t * 784)), `class ${k}, image ${t}`);
      assert.equal(d.labels[5 * k + t], k);
    }
  }
  // synthetic labels: class 0's 18 correct and 7 wrong (→ 1), then classes 1–8's 18 correct; class 9 pruned
  const syn = Array.from(d.labels.subarray(50));
  const want: number[] = [...new Array(18).fill(0), ...new Array(7).fill(1)];
  for (let k = 1; k <= 8; k++) want.push(...new Array(18).fill(k));
  assert.deepEqual(syn, want);
  const none = buildTrainingSet(split, { ...job, rho: 1, phi: 1 });
  assert.equal(none.keptWrong, 70);
  assert.equal(none.x.count, 50 + 250);
  const counts = new Array(10).fill(0);
  for (let i = 50; i < none.labels.length; i++) counts[none.labels[i]]++;
  assert.deepEqual(counts, new Array(10).fill(25));
  // same seed, same set; the real images do not depend on m or on the seed
  const again = buildTrainingSet(split, job);
  assert.deepEqual(Array.from(again.x.vals), Array.from(d.x.vals));
  const m0 = buildTrainingSet(split, { ...job, m: 0 });
  assert.deepEqual(Array.from(m0.x.vals), Array.from(d.x.vals.subarray(0, m0.x.vals.length)));
  const otherSeed = buildTrainingSet(split, { ...job, seed: 2 });
  assert.deepEqual(Array.from(otherSeed.x.vals.subarray(0, m0.x.vals.length)), Array.from(m0.x.vals));
  assert.notDeepEqual(Array.from(otherSeed.x.vals), Array.from(d.x.vals));
  // raw inputs reach 255; the 'unit' variant divides by 255
  let max = 0;
  for (const v of m0.x.vals) max = Math.max(max, v);
  assert.equal(max, 255);
  const unit = buildTrainingSet(split, { ...job, m: 0, settings: { ...settings, inputs: 'unit' } });
  assert.deepEqual(Array.from(unit.x.vals), Array.from(m0.x.vals, (v) => v * (1 / 255)));
});

test('bad label-noise, pruning and job parameters are rejected by name', () => {
  assert.throws(() => applyLabelNoise([0, 1], 1.5), /epsilon \(ε\) must be in \[0, 1\], got 1.5/);
  assert.throws(() => applyLabelNoise([0, 10], 0.1), /trueLabels\[1\] must be a class 0\.\.9, got 10/);
  assert.throws(() => pruneSynthetic([0], [0], -0.1, 1), /rho \(ρ\) must be in \[0, 1\], got -0.1/);
  assert.throws(() => pruneSynthetic([0], [0], 0, NaN), /phi \(φ\) must be in \[0, 1\], got NaN/);
  assert.throws(() => pruneSynthetic([0, 1], [0], 0, 1), /labels has length 1 but trueLabels has length 2/);
  const split = loadMnistSplit();
  const job: TrainingJob = { seed: 1, seedIndex: 0, m: 5, epsilon: 0, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: 10 }, settings };
  assert.throws(() => buildTrainingSet(split, { ...job, m: -1 }), /m \(synthetic images per class\) must be an integer >= 0, got -1/);
  assert.throws(() => buildTrainingSet(split, { ...job, settings: { ...settings, n: 6000 } }), /n \(real images per class\) must be an integer in 1\.\.5421/);
  assert.throws(() => buildTrainingSet(split, { ...job, generator: { kind: 'estimated', nUse: 1 } }), /nUse \(n_use\) must be 0 \(all images of the class\) or an integer >= 2, got 1/);
  assert.throws(() => buildTrainingSet(split, { ...job, settings: { ...settings, inputs: 'x' as never } }), /inputs must be 'raw' \(0–255, the paper\) or 'unit'/);
});

test('synthetic images reused from earlier jobs of the same stream equal freshly drawn ones', () => {
  const split = loadMnistSplit();
  const job: TrainingJob = {
    seed: 3, seedIndex: 1, m: 30, epsilon: 0.3, rho: 0, phi: 1, generator: { kind: 'estimated', nUse: 20 }, settings: { ...settings, n: 2 },
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
