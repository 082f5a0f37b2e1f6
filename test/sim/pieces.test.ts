import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix, solve } from 'ml-matrix';
import { Rng } from '../../src/random/rng';
import { serialExecutor } from '../../src/sim/executor';
import { workerExecutor } from '../../src/parallel/pool';
import {
  randomMean, makeLabels, sampleMixture, flipLabels, pruneMask, countKept, sampleKeptCounts, ridgeClassifier,
  empiricalAccuracy, gaussianAccuracy, bartlettFactor, sampleWishart, estimateGenerator, freshCovariance,
  generatorFromCovariance, sampleSynthetic, prepareReal, fastDraw, directDraw, fastDrawBatch, runFastBatch,
  drawStreams, summarize, validateDrawParams, type DrawParams,
} from '../../src/sim/index';

test('mixture: random mean has the requested norm; y_i x_i averages to μ; labels balanced or random', () => {
  const r = new Rng(1);
  const mu = randomMean(30, 0.7, r);
  assert.ok(Math.abs(Math.hypot(...mu) - 0.7) < 1e-12);
  const n = 4000;
  const d = sampleMixture(mu, n, r);
  assert.equal(d.y.filter((v) => v === 1).length, n / 2);
  for (let i = 0; i < 30; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += d.y[j] * d.x[j * 30 + i];
    assert.ok(Math.abs(s / n - mu[i]) < 5 / Math.sqrt(n), `coordinate ${i}`);
  }
  const yr = makeLabels(10_000, 'random', r);
  const plus = yr.filter((v) => v === 1).length;
  assert.ok(Math.abs(plus - 5000) < 5 * 50);
  assert.throws(() => makeLabels(3, 'odd' as never, r), /labels must be 'balanced' or 'random'/);
  assert.throws(() => randomMean(3, -1, r), /norm .*-1/);
});

test('label noise flips a share ε; pruning keeps correct labels w.p. φ and wrong ones w.p. ρ', () => {
  const r = new Rng(2);
  const m = 200_000, eps = 0.3, rho = 0.2, phi = 0.9;
  const y = makeLabels(m, 'random', r);
  const yt = flipLabels(y, eps, r);
  let flipped = 0;
  for (let i = 0; i < m; i++) if (yt[i] !== y[i]) flipped++;
  assert.ok(Math.abs(flipped - eps * m) < 5 * Math.sqrt(m * eps * (1 - eps)));
  const q = pruneMask(y, yt, rho, phi, r);
  const { keptCorrect, keptWrong } = countKept(y, yt, q);
  const correct = m - flipped;
  assert.ok(Math.abs(keptCorrect - phi * correct) < 5 * Math.sqrt(correct * phi * (1 - phi)));
  assert.ok(Math.abs(keptWrong - rho * flipped) < 5 * Math.sqrt(flipped * rho * (1 - rho)));
  assert.throws(() => flipLabels(y, 1.2, r), /epsilon must be in \[0, 1\], got 1\.2/);
  assert.throws(() => pruneMask(y, yt, -0.1, phi, r), /rho must be in \[0, 1\]/);
  assert.throws(() => pruneMask(y, yt.subarray(1), rho, phi, r), /same length/);
});

test('sampleKeptCounts has the law of countKept(flip + prune): means and variances (5 s.e.)', () => {
  const r = new Rng(3);
  const m = 60, eps = 0.25, rho = 0.4, phi = 0.7, draws = 4000;
  const direct: number[][] = [[], []], fast: number[][] = [[], []];
  for (let i = 0; i < draws; i++) {
    const y = makeLabels(m, 'balanced', r);
    const yt = flipLabels(y, eps, r);
    const c = countKept(y, yt, pruneMask(y, yt, rho, phi, r));
    direct[0].push(c.keptCorrect);
    direct[1].push(c.keptWrong);
    const f = sampleKeptCounts(m, eps, rho, phi, r);
    fast[0].push(f.keptCorrect);
    fast[1].push(f.keptWrong);
  }
  const probs = [(1 - eps) * phi, eps * rho];
  for (let k = 0; k < 2; k++) {
    const sd = summarize(direct[k]), sf = summarize(fast[k]);
    const v = m * probs[k] * (1 - probs[k]);
    assert.ok(Math.abs(sf.mean - m * probs[k]) < 5 * Math.sqrt(v / draws));
    assert.ok(Math.abs(sd.mean - sf.mean) < 5 * Math.sqrt((2 * v) / draws));
    assert.ok(Math.abs(sf.sd ** 2 - v) < 5 * v * Math.sqrt(2 / draws), `variance ${sf.sd ** 2} vs ${v}`);
  }
  assert.throws(() => sampleKeptCounts(-1, eps, rho, phi, r), /m must be an integer >= 0/);
});

test('ridge classifier equals ml-matrix solve of ((X_r X_rᵀ + X_s D_q X_sᵀ)/N + γI) w = (X_r y + X_s D_q ỹ)/N', () => {
  const r = new Rng(4);
  const p = 7, n = 11, m = 13, gamma = 0.3;
  const xr = r.normals(p * n), yr = makeLabels(n, 'random', r);
  const xs = r.normals(p * m), ys = makeLabels(m, 'random', r);
  const q = Float64Array.from({ length: m }, (_, j) => (j % 4 === 0 ? 0 : 1));
  const w = ridgeClassifier({ x: xr, labels: yr, count: n }, { x: xs, labels: ys, count: m, mask: q }, p, gamma);
  const bigN = n + m; // all synthetic samples count, kept or not
  const a = Matrix.zeros(p, p), b = Matrix.zeros(p, 1);
  const add = (x: Float64Array, y: Float64Array, cnt: number, mask?: Float64Array): void => {
    for (let j = 0; j < cnt; j++) {
      const qj = mask ? mask[j] : 1;
      for (let i = 0; i < p; i++) {
        b.set(i, 0, b.get(i, 0) + (qj * y[j] * x[j * p + i]) / bigN);
        for (let k = 0; k < p; k++) a.set(i, k, a.get(i, k) + (qj * x[j * p + i] * x[j * p + k]) / bigN);
      }
    }
  };
  add(xr, yr, n);
  add(xs, ys, m, q);
  for (let i = 0; i < p; i++) a.set(i, i, a.get(i, i) + gamma);
  const ref = solve(a, b).to1DArray();
  for (let i = 0; i < p; i++) assert.ok(Math.abs(w[i] - ref[i]) < 1e-12, `w[${i}]`);
  assert.throws(() => ridgeClassifier({ x: xr, labels: yr, count: n }, null, p, 0), /gamma must be > 0, got 0/);
});

test('accuracy: empirical counts ties as half; exact Φ(wᵀμ/‖w‖) matches a large test set', () => {
  const r = new Rng(5);
  const x = new Float64Array([1, 0, -1, 0, 0, 1, 0, -1]); // 4 samples in R²
  const y = [1, -1, 1, -1];
  const e = empiricalAccuracy([1, 0], x, y, 2, 4); // correct, correct, tie, tie
  assert.equal(e.accuracy, 0.75);
  const e0 = empiricalAccuracy([0, 0], x, y, 2, 4);
  assert.equal(e0.accuracy, 0.5);
  assert.equal(gaussianAccuracy([0, 0], [1, 1]).accuracy, 0.5);
  const mu = randomMean(20, 0.8, r), w = r.normals(20);
  const ga = gaussianAccuracy(w, mu);
  const t = 200_000;
  const test = sampleMixture(mu, t, r, 'random');
  const emp = empiricalAccuracy(w, test.x, test.y, 20, t);
  assert.ok(Math.abs(emp.accuracy - ga.accuracy) < 5 * Math.sqrt(ga.accuracy * (1 - ga.accuracy) / t));
  const neg = gaussianAccuracy(w.map((v) => -v), mu);
  assert.ok(Math.abs(neg.accuracy - (1 - ga.accuracy)) < 1e-15);
  assert.equal(neg.accuracySymmetric, Math.max(neg.accuracy, 1 - neg.accuracy));
});

test('Bartlett factor: E[W] = k·I, Var W_ii = 2k, Var W_ij = k, for k ≥ r and k < r (rank k)', () => {
  const r = new Rng(6);
  for (const [dim, k] of [[6, 9], [6, 6], [6, 3], [5, 1]]) {
    const draws = 6000;
    const sum = new Float64Array(dim * dim), sum2 = new Float64Array(dim * dim);
    for (let t = 0; t < draws; t++) {
      const w = sampleWishart(dim, k, r);
      for (let i = 0; i < dim * dim; i++) { sum[i] += w[i]; sum2[i] += w[i] * w[i]; }
    }
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) {
      const mean = sum[i * dim + j] / draws;
      const v = sum2[i * dim + j] / draws - mean * mean;
      const v0 = i === j ? 2 * k : k; // Var of χ²_k, and of Σ_l g_il g_jl
      const m0 = i === j ? k : 0;
      assert.ok(Math.abs(mean - m0) < 5 * Math.sqrt(v0 / draws), `r=${dim} k=${k} mean (${i},${j}) ${mean}`);
      // fourth moments: Var(χ²_k) of W_ii is 2k with kurtosis 12/k + 3; Var of v ≈ (μ4 − v0²)/draws
      const mu4 = i === j ? 12 * k * (k + 4) : 3 * k * k + 6 * k;
      assert.ok(Math.abs(v - v0) < 5 * Math.sqrt((mu4 - v0 * v0) / draws), `r=${dim} k=${k} var (${i},${j}) ${v}`);
    }
    const l = bartlettFactor(dim, k, r);
    assert.equal(l.length, dim * Math.min(dim, k));
  }
});

test('generator estimates: centring with the true μ gives (1/n̂)Σ z zᵀ; a fresh ZZᵀ/n̂ has mean I', () => {
  const r = new Rng(7);
  const p = 5, n = 40;
  const mu = randomMean(p, 1, r);
  const d = sampleMixture(mu, n, r, 'random');
  const est = estimateGenerator(d.x, d.y, p, n, { centre: 'true', mu });
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (d.y[j] * d.x[j * p + a] - mu[a]) * (d.y[j] * d.x[j * p + b] - mu[b]);
    assert.ok(Math.abs(est.covariance[a * p + b] - s / n) < 1e-12);
  }
  const e2 = estimateGenerator(d.x, d.y, p, n, { nHat: 10 });
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let j = 0; j < 10; j++) s += d.y[j] * d.x[j * p + a];
    assert.ok(Math.abs(e2.muHat[a] - s / 10) < 1e-12);
  }
  assert.throws(() => estimateGenerator(d.x, d.y, p, n, { nHat: 0 }), /nHat must be an integer in \[1, n = 40\], got 0/);
  assert.throws(() => estimateGenerator(d.x, d.y, p, n, { centre: 'true' }), /true mean mu/);
  const draws = 400, nHat = 20;
  const acc = new Float64Array(p * p);
  for (let t = 0; t < draws; t++) freshCovariance(p, nHat, r).forEach((v, i) => { acc[i] += v / draws; });
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    const sd = Math.sqrt((a === b ? 2 : 1) / nHat / draws);
    assert.ok(Math.abs(acc[a * p + b] - (a === b ? 1 : 0)) < 5 * sd);
  }
  // synthetic samples of N(±μ_β, C): y x averages to μ_β
  const gen = generatorFromCovariance(mu, est.covariance);
  const s = sampleSynthetic(gen, 5000, r);
  for (let a = 0; a < p; a++) {
    let t = 0;
    for (let j = 0; j < 5000; j++) t += s.y[j] * s.x[j * p + a];
    assert.ok(Math.abs(t / 5000 - mu[a]) < 5 * Math.sqrt(est.covariance[a * p + a] / 5000));
  }
});

test('draw parameters: each bad value is rejected with a message naming it', () => {
  const mu = new Float64Array([0.5, 0.5, 0]);
  const ok: DrawParams = { mu, m: 10, epsilon: 0.1, rho: 0, phi: 1, gamma: 1, covariance: { kind: 'identity' } };
  assert.equal(validateDrawParams(ok).p, 3);
  const bad: Array<[Partial<DrawParams> & Record<string, unknown>, RegExp]> = [
    [{ epsilon: 1.2 }, /epsilon must be in \[0, 1\], got 1\.2/],
    [{ rho: -0.1 }, /rho must be in \[0, 1\]/],
    [{ phi: NaN }, /phi must be a finite number/],
    [{ gamma: 0 }, /gamma must be > 0, got 0/],
    [{ m: 2.5 }, /m must be an integer >= 0, got 2\.5/],
    [{ mu: new Float64Array(0) }, /mu must have length p >= 1/],
    [{ muBeta: new Float64Array(2) }, /muBeta must have length p = 3/],
    [{ covariance: { kind: 'fresh-wishart', nHat: 0 } }, /covariance\.nHat must be an integer >= 1, got 0/],
    [{ covariance: { kind: 'factor', A: new Float64Array(4) } }, /covariance\.A must be a Float64Array of length p² = 9/],
    [{ covariance: { kind: 'factor', A: new Float64Array([1, 1, 0, 0, 1, 0, 0, 0, 1]) } }, /covariance\.A must be lower-triangular/],
    [{ covariance: { kind: 'bogus' } as never }, /covariance\.kind must be/],
  ];
  for (const [change, re] of bad) assert.throws(() => validateDrawParams({ ...ok, ...change } as DrawParams), re);
  const r = new Rng(8);
  const real = prepareReal(new Float64Array(6), new Float64Array([1, -1]), 3, 2);
  assert.throws(() => fastDraw(real, ok, r, { testSize: -1 }), /testSize must be an integer >= 0/);
  assert.throws(() => fastDraw(real, { ...ok, mu: new Float64Array(4) }, r), /mu must have length p = 3/);
  assert.throws(() => directDraw(new Float64Array(5), new Float64Array([1, -1]), ok, r), /realX must have length >= 6/);
  assert.throws(() => fastDraw({ ...real, n: 0 }, { ...ok, m: 0 }, r), /N = n \+ m >= 1/);
});

/** A seeded small problem: a mean μ with ‖μ‖ = 1 in dimension p and n real samples, prepared. */
function smallProblem(seed: number, p: number, n: number): { mu: Float64Array; real: ReturnType<typeof prepareReal> } {
  const r = new Rng(seed);
  const mu = randomMean(p, 1, r);
  const d = sampleMixture(mu, n, r);
  return { mu, real: prepareReal(d.x, d.y, p, n) };
}

test('batches: draw k uses sub-stream k whatever the job split; serial executor gives the same draws', async () => {
  const { mu, real } = smallProblem(9, 6, 8);
  const params: DrawParams = { mu, m: 30, epsilon: 0.2, rho: 0.3, phi: 0.8, gamma: 0.5, covariance: { kind: 'fresh-wishart', nHat: 4 } };
  const a = fastDrawBatch(real, params, 77, [0, 1, 2, 3, 4]);
  const b = [...fastDrawBatch(real, params, 77, [0, 1]), ...fastDrawBatch(real, params, 77, [2, 3, 4])];
  assert.deepEqual(a, b);
  assert.deepEqual(fastDrawBatch(real, params, 77, [3]), [a[3]]);
  assert.deepEqual(fastDraw(real, params, new Rng(77).substream(4)), a[4]);
  const streams = drawStreams(5, [2, 3, 4, 9]);
  for (const [i, k] of [2, 3, 4, 9].entries()) assert.equal(streams[i].uniform(), new Rng(5).substream(k).uniform());
  const viaExec = await runFastBatch(real, params, { seed: 77, draws: 5, executor: serialExecutor, jobSize: 2 });
  const local = await runFastBatch(real, params, { seed: 77, draws: 5 });
  assert.deepEqual(viaExec.draws, a);
  assert.deepEqual(local.draws, a);
  assert.deepEqual(viaExec.accuracy, summarize(a.map((x) => x.accuracy)));
});

test('worker threads (edge pool) give exactly the serial draws of sim.fastDrawBatch', async () => {
  const { mu, real } = smallProblem(10, 12, 20);
  const params: DrawParams = { mu, m: 100, epsilon: 0.1, rho: 0, phi: 1, gamma: 1, covariance: { kind: 'fresh-wishart', nHat: 20 } };
  const par = await runFastBatch(real, params, { seed: 3, draws: 9, executor: workerExecutor({ threads: 2 }), jobSize: 2 }, { testSize: 40 });
  const ser = await runFastBatch(real, params, { seed: 3, draws: 9 }, { testSize: 40 });
  assert.deepEqual(par.draws, ser.draws);
});
