import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { symmetricEigenvalues } from '../../src/linalg/eigen';
import {
  fitClassGaussian, fitClassMeanOnly, generatorCovariance, sampleClassGaussian, sampleClassGaussianMany,
} from '../../src/mnist/generator';

/** n images in dimension p with a non-trivial mean and correlated, unequal pixel variances. */
function images(rng: Rng, n: number, p: number): Float64Array {
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const common = rng.normal();
    for (let a = 0; a < p; a++) x[i * p + a] = 50 + 10 * a + (5 + a) * rng.normal() + 8 * common;
  }
  return x;
}

/** The covariance normalised by the count: numpy.cov(bias=True), rows = samples. */
function biasedCov(x: ArrayLike<number>, n: number, p: number): Float64Array {
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) mean[a] += x[i * p + a] / n;
  const c = new Float64Array(p * p);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) c[a * p + b] += ((x[i * p + a] - mean[a]) * (x[i * p + b] - mean[b])) / n;
  return c;
}

test('Ĉ = F·Fᵀ is the covariance of the first n_use images normalised by n_use (not n_use − 1), μ̂ their mean', () => {
  const p = 9, n = 30;
  const x = images(new Rng(1), n, p);
  for (const nUse of [n, 12, 2]) {
    const g = fitClassGaussian(x, n, nUse, p);
    const ref = biasedCov(x, nUse, p);
    const c = generatorCovariance(g);
    for (let e = 0; e < p * p; e++) assert.ok(Math.abs(c[e] - ref[e]) <= 1e-9 * (1 + Math.abs(ref[e])), `n_use ${nUse}: C[${e}] ${c[e]} vs ${ref[e]}`);
    for (let a = 0; a < p; a++) {
      let m = 0;
      for (let i = 0; i < nUse; i++) m += x[i * p + a] / nUse;
      assert.ok(Math.abs(g.mean[a] - m) < 1e-9);
    }
    // n_use ≤ p: the data factor (rank n_use); more images: the Cholesky factor of Ĉ (rank p)
    assert.equal(g.rank, Math.min(nUse, p));
    assert.equal(g.triangular, nUse > p);
  }
});

test('more images than varying pixels: Ĉ from raw moments, factored by Cholesky, equals the biased covariance', () => {
  // integer grey levels with many zeros, like MNIST; pixel 3 never varies, pixel 5 = pixel 4 (a dependent column)
  const p = 8, n = 60;
  const rng = new Rng(21);
  const x = new Uint8Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) x[i * p + a] = rng.uniform() < 0.4 ? 0 : rng.int(256);
    x[i * p + 3] = 0;
    x[i * p + 5] = x[i * p + 4];
  }
  const g = fitClassGaussian(x, n, n, p);
  assert.equal(g.triangular, true);
  assert.deepEqual(Array.from(g.active), [0, 1, 2, 4, 5, 6, 7]);
  const ref = biasedCov(x, n, p);
  const c = generatorCovariance(g);
  for (let e = 0; e < p * p; e++) assert.ok(Math.abs(c[e] - ref[e]) <= 1e-7 * (1 + Math.abs(ref[e])), `C[${e}] ${c[e]} vs ${ref[e]}`);
  // the same statistics from the first 7 images only use the data factor (rank ≤ 7 ≤ #active)
  const few = fitClassGaussian(x, n, 7, p);
  assert.equal(few.triangular, false);
  const refFew = biasedCov(x, 7, p);
  const cFew = generatorCovariance(few);
  for (let e = 0; e < p * p; e++) assert.ok(Math.abs(cFew[e] - refFew[e]) <= 1e-7 * (1 + Math.abs(refFew[e])));
});

test('clipping only where stated: N(μ̂, Ĉ) samples are clipped at 0 (no upper clip), N(μ̂, I) samples are not', () => {
  const p = 6, n = 5;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) x[i * p + a] = a === 0 ? 250 + 3 * i : (i % 2) * 2; // pixel 0 near 255, others near 0
  const cov = fitClassGaussian(x, n, n, p);
  assert.equal(cov.clip, true);
  const id = fitClassMeanOnly(x, n, p);
  assert.equal(id.clip, false);
  const S = 2000;
  const xc = sampleClassGaussianMany(cov, S, new Rng(22));
  const xi = sampleClassGaussianMany(id, S, new Rng(23));
  let negC = 0, negI = 0, above = 0;
  for (let s = 0; s < S; s++) {
    for (let a = 1; a < p; a++) {
      if (xc[s * p + a] < 0) negC++;
      if (xi[s * p + a] < 0) negI++;
    }
    if (xc[s * p] > 255) above++;
  }
  assert.equal(negC, 0);
  assert.ok(negI > 0.2 * S * (p - 1), `${negI} negative pixels of the identity samples`);
  assert.ok(above > 0, 'values above 255 are kept');
  // clipped = max(0, unclipped) draw by draw
  const r1 = new Rng(24), r2 = new Rng(24);
  for (let s = 0; s < 50; s++) {
    const raw = sampleClassGaussian(cov, r1, new Float64Array(p), false);
    const clipped = sampleClassGaussian(cov, r2, new Float64Array(p));
    for (let a = 0; a < p; a++) assert.equal(clipped[a], Math.max(0, raw[a]));
  }
});

test('unclipped samples have mean μ̂ and covariance Ĉ within 4.5 standard errors (S = 20,000)', () => {
  const p = 8, n = 40, S = 20000;
  const g = fitClassGaussian(images(new Rng(2), n, p), n, n, p);
  const c = generatorCovariance(g);
  const xs = sampleClassGaussianMany(g, S, new Rng(3), false);
  const mean = new Float64Array(p);
  for (let s = 0; s < S; s++) for (let a = 0; a < p; a++) mean[a] += xs[s * p + a] / S;
  for (let a = 0; a < p; a++) {
    const z = (mean[a] - g.mean[a]) / Math.sqrt(c[a * p + a] / S);
    assert.ok(Math.abs(z) < 4.5, `mean[${a}]: z = ${z}`);
  }
  // Sample covariance about the known μ̂: Var(ĉ_ab) = (C_aa C_bb + C_ab²)/S for Gaussian data.
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let v = 0;
      for (let s = 0; s < S; s++) v += (xs[s * p + a] - g.mean[a]) * (xs[s * p + b] - g.mean[b]);
      v /= S;
      const se = Math.sqrt((c[a * p + a] * c[b * p + b] + c[a * p + b] ** 2) / S);
      assert.ok(Math.abs(v - c[a * p + b]) < 4.5 * se, `C[${a}][${b}]: ${v} vs ${c[a * p + b]} (se ${se})`);
    }
  }
});

test('a covariance from n_use < p images is rank-deficient and the samples stay in its span', () => {
  const p = 10, nUse = 4, S = 400;
  const x = images(new Rng(4), 20, p);
  const g = fitClassGaussian(x, 20, nUse, p);
  const xs = sampleClassGaussianMany(g, S, new Rng(5), false);
  const emp = new Float64Array(p * p);
  for (let s = 0; s < S; s++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) emp[a * p + b] += ((xs[s * p + a] - g.mean[a]) * (xs[s * p + b] - g.mean[b])) / S;
  const ev = symmetricEigenvalues(emp, p);
  // rank nUse − 1 = 3: the p − 3 smallest eigenvalues vanish (to round-off)
  for (let i = 0; i < p - (nUse - 1); i++) assert.ok(Math.abs(ev[i]) < 1e-8 * ev[p - 1], `eigenvalue ${i} = ${ev[i]}`);
  assert.ok(ev[p - 3] > 1e-3 * ev[p - 1]);
});

test('mean-only samples are N(μ̂, I); clipping sets negative pixels to 0 and keeps the rest', () => {
  const p = 6, S = 20000;
  const x = new Float64Array(3 * p).fill(0.5);
  const g = fitClassMeanOnly(x, 3, p);
  assert.equal(g.factor, null);
  const xs = sampleClassGaussianMany(g, S, new Rng(6), false);
  let m = 0, v = 0;
  for (let s = 0; s < S; s++) {
    m += xs[s * p] / S;
    v += (xs[s * p] - 0.5) ** 2 / S;
  }
  assert.ok(Math.abs(m - 0.5) < 4.5 / Math.sqrt(S), `mean ${m}`);
  assert.ok(Math.abs(v - 1) < 4.5 * Math.sqrt(2 / S), `variance ${v}`);
  const r1 = new Rng(7), r2 = new Rng(7);
  for (let s = 0; s < 50; s++) {
    const raw = sampleClassGaussian(g, r1, new Float64Array(p), false);
    const clipped = sampleClassGaussian(g, r2, new Float64Array(p), true);
    for (let a = 0; a < p; a++) assert.equal(clipped[a], Math.max(0, raw[a]));
  }
});

test('bad generator parameters are rejected by name', () => {
  const x = new Float64Array(5 * 4);
  assert.throws(() => fitClassGaussian(x, 5, 1, 4), /nUse \(n_use\) must be an integer in 2\.\.5/);
  assert.throws(() => fitClassGaussian(x, 5, 6, 4), /nUse \(n_use\) must be an integer in 2\.\.5/);
  assert.throws(() => fitClassGaussian(x, 6, 2, 4), /images must hold 6×4 values/);
  assert.throws(() => sampleClassGaussianMany(fitClassMeanOnly(x, 5, 4), -1, new Rng(1)), /count must be an integer >= 0/);
});

test('blocks of draws equal single draws from the same stream; constant pixels stay at μ̂', () => {
  const p = 7, n = 9;
  const x = images(new Rng(8), n, p);
  for (let i = 0; i < n; i++) x[i * p + 2] = 42; // a pixel that never varies
  const g = fitClassGaussian(x, n, n, p);
  assert.deepEqual(Array.from(g.active), [0, 1, 3, 4, 5, 6]);
  const block = sampleClassGaussianMany(g, 7, new Rng(9), false);
  const r = new Rng(9);
  for (let s = 0; s < 7; s++) {
    const one = sampleClassGaussian(g, r, new Float64Array(p), false);
    for (let a = 0; a < p; a++) assert.ok(Math.abs(one[a] - block[s * p + a]) < 1e-9, `sample ${s}, pixel ${a}`);
    assert.equal(one[2], 42);
  }
});
