/**
 * The weighted classifier w_β (rmt/weighted.ts) against simulation: for several β in (0, 10], in the
 * toy, synthetic-only and general settings (all with pruning, theory in its exact mode), the mean
 * simulated accuracy over D independent draws lies within 3 standard errors (sd/√D) of the theory.
 * Each draw uses a fresh real data set too (as in test/sim/theory.test.ts). At β ≠ 1 the toy
 * theory is Theorem 4.2 with Marchenko–Pastur equivalents, free of the published toy formula's
 * ~5e-4 offset (the finite-size allowance of theory.test.ts), so the same D = 100 draws per toy
 * point give 3 s.e. ≈ 2e-3 with nothing added. The fast simulator with β ≠ 1 is checked against the
 * direct one in law (means and variances, as in fast-vs-direct.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { cholesky } from '../../src/linalg/index';
import { toyTheory, syntheticOnlyTheory, generalTheory } from '../../src/rmt/index';
import {
  randomMean, sampleMixture, prepareReal, sampleRealPrepared, emptyReal, fastDraw, drawStreams, summarize,
  fastDrawBatch, directDrawBatch, type DrawParams, type DrawResult,
} from '../../src/sim/index';
import { fastAccuracies, moments, range, sameLaw, within3se } from './law-checks';

const EXACT = { pruning: 'exact' as const };

test('toy setting, weighted, pruned: theory (exact mode) = fast simulation for β = 0, 0.3, 2.5, 8', () => {
  const r = new Rng(301);
  const p = 150, n = 150, nHat = 300, m = 450, epsilon = 0.2, rho = 0.5, phi = 0.9, gamma = 0.5;
  const mu = randomMean(p, 1, r);
  for (const [weight, seed] of [[0, 302], [0.3, 303], [2.5, 304], [8, 305]]) {
    const params: DrawParams = { mu, m, epsilon, rho, phi, gamma, weight, covariance: { kind: 'fresh-wishart', nHat } };
    const th = toyTheory({ n, nHat, m, p, mu: 1, epsilon, rho, phi, gamma, weight }, EXACT);
    within3se(fastAccuracies(n, params, seed, 100), th.accuracy, `toy weight ${weight}`);
  }
});

test('synthetic only (C = I), weighted, pruned: theory = fast simulation for β = 0.3, 4', () => {
  const r = new Rng(311);
  const p = 200, m = 600, epsilon = 0.3, rho = 0.3, phi = 0.8, gamma = 1;
  const mu = randomMean(p, 1.5, r);
  for (const [weight, seed] of [[0.3, 312], [4, 313]]) {
    const params: DrawParams = { mu, m, epsilon, rho, phi, gamma, weight, covariance: { kind: 'identity' } };
    const th = syntheticOnlyTheory({ m, p, mu: 1.5, epsilon, rho, phi, gamma, weight }, EXACT);
    const acc = drawStreams(seed, range(300)).map((rng) => fastDraw(emptyReal(p), params, rng).accuracy);
    within3se(acc, th.accuracy, `synthetic-only weight ${weight}`);
  }
});

test('general setting (given C, μ_β ≠ μ), weighted, pruned: theory = fast simulation for β = 0.4, 3, 10', () => {
  const r = new Rng(321);
  const p = 150, n = 150, m = 450, epsilon = 0.15, rho = 0.4, phi = 0.9, gamma = 0.5;
  const mu = randomMean(p, 1.2, r);
  const shift = randomMean(p, 0.4, r);
  const muBeta = mu.map((v, i) => 0.9 * v + shift[i]);
  const cov = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) cov[i * p + j] = 0.4 ** Math.abs(i - j) * (1 + 0.5 * Math.sin(i) * Math.sin(j));
  const A = cholesky(cov, p);
  for (const [weight, seed] of [[0.4, 322], [3, 323], [10, 324]]) {
    const params: DrawParams = { mu, muBeta, m, epsilon, rho, phi, gamma, weight, covariance: { kind: 'factor', A } };
    const th = generalTheory({ n, m, mu, muBeta, cov, epsilon, rho, phi, gamma, weight }, EXACT);
    within3se(fastAccuracies(n, params, seed, 200), th.accuracy, `general weight ${weight}`);
  }
});

test('fast = direct in law with a weight β ≠ 1 (fresh ZZᵀ/n̂, pruning), and β scales the fit as it should', () => {
  const r = new Rng(331);
  const p = 30, n = 40;
  const mu = randomMean(p, 1, r);
  const real = sampleMixture(mu, n, r);
  for (const [weight, seed] of [[2.5, 332], [0.2, 334]]) {
    const params: DrawParams = { mu, m: 100, epsilon: 0.25, rho: 0.4, phi: 0.9, gamma: 0.6, weight, covariance: { kind: 'fresh-wishart', nHat: 50 } };
    const direct = directDrawBatch(real.x, real.y, params, seed, range(800));
    const fast = fastDrawBatch(prepareReal(real.x, real.y, p, n), params, seed + 1, range(2000));
    for (const key of ['accuracy', 'wMu', 'wNorm', 'kept'] as const) sameLaw(fast, direct, key, `weight ${weight}`);
  }
  // the weight changes the law (a test that could not fail otherwise would prove nothing)
  const base: DrawParams = { mu, m: 100, epsilon: 0.25, rho: 0.4, phi: 0.9, gamma: 0.6, covariance: { kind: 'fresh-wishart', nHat: 50 } };
  const w1 = fastDrawBatch(prepareReal(real.x, real.y, p, n), base, 9, range(2000)).map((d) => d.wMu);
  const w5 = fastDrawBatch(prepareReal(real.x, real.y, p, n), { ...base, weight: 5 }, 9, range(2000)).map((d) => d.wMu);
  const [a, b] = [moments(w1), moments(w5)];
  assert.ok(Math.abs(a.mean - b.mean) > 10 * Math.sqrt(a.v / a.n + b.v / b.n), `weight 5 should move E[wᵀμ]: ${a.mean} vs ${b.mean}`);
});

test('weight 1 reproduces the unweighted draws exactly; weight 0 ignores the synthetic samples', () => {
  const r = new Rng(341);
  const p = 12, n = 20;
  const mu = randomMean(p, 1, r);
  const real = sampleMixture(mu, n, r);
  const prep = prepareReal(real.x, real.y, p, n);
  const params: DrawParams = { mu, m: 30, epsilon: 0.2, rho: 0.5, phi: 0.9, gamma: 0.5, covariance: { kind: 'fresh-wishart', nHat: 15 } };
  assert.deepEqual(fastDrawBatch(prep, { ...params, weight: 1 }, 3, range(5)), fastDrawBatch(prep, params, 3, range(5)));
  assert.deepEqual(directDrawBatch(real.x, real.y, { ...params, weight: 1 }, 3, range(3)), directDrawBatch(real.x, real.y, params, 3, range(3)));
  // β = 0: w = (X_r X_rᵀ + NγI)⁻¹ X_r y whatever the synthetic draw
  const a = directDrawBatch(real.x, real.y, { ...params, weight: 0 }, 4, range(3));
  const b = fastDrawBatch(prep, { ...params, weight: 0 }, 5, range(3));
  for (const d of [...a, ...b]) {
    assert.ok(Math.abs(d.wMu - a[0].wMu) < 1e-12 * Math.abs(a[0].wMu) && Math.abs(d.wNorm - a[0].wNorm) < 1e-12 * a[0].wNorm);
  }
  assert.throws(() => fastDraw(prep, { ...params, weight: -1 }, new Rng(1)), /weight must be a finite number >= 0/);
});
