/**
 * The fast simulator is exact in law: over many draws its outputs have the same distribution as the
 * direct simulator's. Each statistic is compared by (a) a two-sample z-test on the means at 4
 * standard errors and (b) the log ratio of the sample variances at 4 standard errors, the standard
 * error of log s² being √((κ − 1)/n) with κ the sample kurtosis (κ = 3 for a Gaussian statistic),
 * so the bound follows from the draw counts and the statistic's own spread — nothing tuned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { cholesky } from '../../src/linalg/index';
import {
  randomMean, sampleMixture, prepareReal, emptyReal, sampleRealPrepared, fastDraw, directDraw, drawStreams,
  fastDrawBatch, directDrawBatch, type DrawParams, type DrawResult,
} from '../../src/sim/index';
import { range, sameLaw } from './law-checks';

test('fast = direct in law: Figure 3 protocol (fresh ZZᵀ/n̂), p = 100, n = 200, m = 1000', () => {
  const r = new Rng(2024);
  const p = 100, n = 200;
  const mu = randomMean(p, 1, r);
  const real = sampleMixture(mu, n, r);
  const params: DrawParams = { mu, m: 1000, epsilon: 0.2, rho: 0.2, phi: 0.9, gamma: 1, covariance: { kind: 'fresh-wishart', nHat: 200 } };
  const direct = directDrawBatch(real.x, real.y, params, 1, range(200));
  const fast = fastDrawBatch(prepareReal(real.x, real.y, p, n), params, 2, range(1000));
  for (const key of ['accuracy', 'wMu', 'wNorm', 'kept', 'keptWrong'] as const) sameLaw(fast, direct, key, 'fig3');
});

test('fast = direct in law for tiny m (kept m_k = 0, 1, 2, 3) and n̂ < p (singular covariance)', () => {
  const r = new Rng(7);
  const p = 4, n = 3;
  const mu = randomMean(p, 1.2, r);
  const real = sampleMixture(mu, n, r, 'random');
  const params: DrawParams = { mu, m: 3, epsilon: 0.5, rho: 0.5, phi: 0.6, gamma: 0.2, covariance: { kind: 'fresh-wishart', nHat: 2 } };
  const direct = directDrawBatch(real.x, real.y, params, 3, range(6000));
  const fast = fastDrawBatch(prepareReal(real.x, real.y, p, n), params, 4, range(6000));
  const keptValues = new Set(fast.map((d) => d.kept));
  for (const k of [0, 1, 2, 3]) assert.ok(keptValues.has(k), `m_k = ${k} never drawn`);
  for (const key of ['accuracy', 'wMu', 'wNorm', 'kept'] as const) sameLaw(fast, direct, key, 'tiny');
});

test('fast = direct in law: given C by its Cholesky factor, μ_β ≠ μ, synthetic data only, m_k < p', () => {
  const r = new Rng(8);
  const p = 30;
  const mu = randomMean(p, 1.5, r);
  const muBeta = mu.map((v) => 0.8 * v + 0.1 * r.normal());
  const g = r.normals(p * p);
  const c = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let l = 0; l < p; l++) s += g[i * p + l] * g[j * p + l];
    c[i * p + j] = s / p + (i === j ? 0.5 : 0);
  }
  const params: DrawParams = { mu, muBeta, m: 40, epsilon: 0.1, rho: 0.3, phi: 0.8, gamma: 0.5, covariance: { kind: 'factor', A: cholesky(c, p) } };
  const direct = directDrawBatch(new Float64Array(0), new Float64Array(0), params, 5, range(3000));
  const fast = fastDrawBatch(emptyReal(p), params, 6, range(3000));
  for (const key of ['accuracy', 'wMu', 'wNorm'] as const) sameLaw(fast, direct, key, 'factor');
});

test('fast = direct in law with a finite test set (testSize = 2n fresh samples), C = I', () => {
  const r = new Rng(9);
  const p = 40, n = 60;
  const mu = randomMean(p, 1, r);
  const real = sampleMixture(mu, n, r);
  const params: DrawParams = { mu, m: 200, epsilon: 0.3, rho: 1, phi: 0.5, gamma: 1, covariance: { kind: 'identity' } };
  const opts = { testSize: 2 * n };
  // random labels for the direct simulator's synthetic and test samples: the law does not depend on them
  const direct = directDrawBatch(real.x, real.y, params, 7, range(1500), { ...opts, labels: 'random' });
  const fast = fastDrawBatch(prepareReal(real.x, real.y, p, n), params, 8, range(3000), opts);
  assert.ok(fast.every((d) => d.testSize === 120 && Math.abs(d.accuracy * 120 - Math.round(d.accuracy * 120)) < 1e-9));
  for (const key of ['accuracy', 'accuracySymmetric', 'exactAccuracy'] as const) sameLaw(fast, direct, key, 'test set');
});

test('a fresh real data set drawn in prepared form (Bartlett) has the law of prepareReal(sampleMixture)', () => {
  const r = new Rng(10);
  for (const [p, n] of [[20, 30], [3, 1], [6, 2]]) {
    const mu = randomMean(p, 1, r);
    const params: DrawParams = { mu, m: 50, epsilon: 0.2, rho: 0.5, phi: 0.9, gamma: 0.7, covariance: { kind: 'fresh-wishart', nHat: 10 } };
    const direct = drawStreams(11, range(3000)).map((rng) => {
      const real = sampleMixture(mu, n, rng);
      return directDraw(real.x, real.y, params, rng);
    });
    const fast = drawStreams(12, range(3000)).map((rng) => fastDraw(sampleRealPrepared(mu, n, rng), params, rng));
    for (const key of ['accuracy', 'wMu', 'wNorm'] as const) sameLaw(fast, direct, key, `fresh real p=${p} n=${n}`);
  }
});
