/**
 * The weighted classifier's theory (src/rmt/weighted.ts): β = 1 is today's exact mode, exact
 * identities of the model hold (n = 0: w_β(γ) = w_1(γ/β); β = 0: real data alone with penalty
 * γ(n+m)/n), the general setting's eigenbasis path agrees with the dense reference, and the
 * synthetic-only, toy (n = 0) and general (C = I, n = 0) settings agree with each other.
 * Simulation checks are in test/sim/weighted.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import {
  toyTheory, syntheticOnlyTheory, generalTheory, generalTheoryDense, toyFixedPointRaw, toyFixedPointBracketed, type TheoryResult,
} from '../../src/rmt/index';

const EXACT = { pruning: 'exact' as const };

function close(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b} (tol ${tol})`);
}

function sameResult(a: TheoryResult, b: TheoryResult, tol: number, what: string): void {
  close(a.accuracy, b.accuracy, tol, `${what} accuracy`);
  close(a.mean, b.mean, tol, `${what} E[g]`);
  close(a.secondMoment, b.secondMoment, tol, `${what} E[g^2]`);
}

function randomToy(r: Rng) {
  return {
    n: 50 + r.int(1000), nHat: 100 + r.int(1000), m: 1 + r.int(3000), p: 20 + r.int(400),
    mu: 0.3 + 1.5 * r.uniform(), epsilon: 0.4 * r.uniform(), rho: r.uniform(), phi: 0.3 + 0.7 * r.uniform(),
    gamma: 0.1 + 2 * r.uniform(),
  };
}

function randomGeneral(r: Rng, p: number) {
  const mu = Array.from({ length: p }, () => r.normal() / Math.sqrt(p));
  const muBeta = mu.map((v) => 0.8 * v + (0.3 * r.normal()) / Math.sqrt(p));
  const g = r.normals(p * p);
  const cov = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => {
    let s = 0;
    for (let k = 0; k < p; k++) s += g[i * p + k] * g[j * p + k];
    return s / p + (i === j ? 0.3 : 0);
  }));
  return {
    n: 20 + r.int(200), m: 10 + r.int(300), mu, muBeta, cov,
    epsilon: 0.4 * r.uniform(), rho: r.uniform(), phi: 0.3 + 0.7 * r.uniform(), gamma: 0.2 + r.uniform(),
  };
}

test('weight 1 (given or default) is the exact mode of today, to 1e-12, in the three settings', () => {
  const r = new Rng(11);
  for (let k = 0; k < 40; k++) {
    const t = randomToy(r);
    sameResult(toyTheory({ ...t, weight: 1 }, EXACT), toyTheory(t, EXACT), 1e-12, `toy ${k}`);
    sameResult(toyTheory({ ...t, weight: 1 }), toyTheory(t), 1e-12, `toy paper ${k}`);
    const { n: _n, nHat: _h, ...s } = t;
    sameResult(syntheticOnlyTheory({ ...s, weight: 1 }, EXACT), syntheticOnlyTheory(s, EXACT), 1e-12, `synthetic-only ${k}`);
  }
  for (let k = 0; k < 5; k++) {
    const g = randomGeneral(r, 6);
    sameResult(generalTheory({ ...g, weight: 1 }, EXACT), generalTheory(g, EXACT), 1e-12, `general ${k}`);
  }
});

test('the eigenbasis path equals the dense O(p³) reference for weights in [0, 10]', () => {
  const r = new Rng(12);
  for (let k = 0; k < 6; k++) {
    const g = randomGeneral(r, 5);
    for (const weight of [0, 0.2, 0.7, 2.5, 10]) {
      sameResult(generalTheory({ ...g, weight }, EXACT), generalTheoryDense({ ...g, weight }, EXACT), 1e-9, `case ${k}, weight ${weight}`);
    }
  }
});

test('n = 0: w_β(γ) = w_1(γ/β) exactly, so every setting depends on γ/β only', () => {
  const r = new Rng(13);
  for (let k = 0; k < 20; k++) {
    const t = { ...randomToy(r), n: 0 };
    const b1 = 0.2 + 4 * r.uniform(), b2 = 0.2 + 4 * r.uniform();
    // toy (β ≠ 1 on both sides: the Theorem 4.2 form of ./weighted)
    sameResult(toyTheory({ ...t, weight: b1 }, EXACT), toyTheory({ ...t, weight: b2, gamma: (t.gamma * b2) / b1 }, EXACT), 1e-9, `toy ${k}`);
    const { n: _n, nHat: _h, ...s } = t;
    sameResult(syntheticOnlyTheory({ ...s, weight: b1 }, EXACT), syntheticOnlyTheory({ ...s, gamma: t.gamma / b1 }, EXACT), 1e-12, `synthetic-only ${k}`);
  }
  for (let k = 0; k < 4; k++) {
    const g = { ...randomGeneral(r, 5), n: 0 };
    sameResult(generalTheory({ ...g, weight: 3 }, EXACT), generalTheory({ ...g, gamma: g.gamma / 3 }, EXACT), 1e-9, `general ${k}`);
  }
});

test('synthetic only: Corollary 4.3 with weight β equals Theorem 4.2 with C = I, n = 0 and weight β', () => {
  const r = new Rng(14);
  const p = 8;
  const cov = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
  for (let k = 0; k < 10; k++) {
    const mu = Array.from({ length: p }, () => r.normal() / 2);
    const norm = Math.hypot(...mu);
    const s = { m: 5 + r.int(40), p, mu: norm, epsilon: 0.3 * r.uniform(), rho: r.uniform(), phi: 0.5 + 0.5 * r.uniform(), gamma: 0.3 + r.uniform() };
    const weight = 0.2 + 5 * r.uniform();
    const a = syntheticOnlyTheory({ ...s, weight }, EXACT);
    const g = generalTheory({ n: 0, m: s.m, mu, muBeta: mu, cov, epsilon: s.epsilon, rho: s.rho, phi: s.phi, gamma: s.gamma, weight }, EXACT);
    sameResult(a, g, 1e-9, `case ${k}`);
  }
});

test('weight 0 is real data alone with the penalty γ(n+m)/n; m = 0 is the real-only baseline', () => {
  const r = new Rng(15);
  for (let k = 0; k < 20; k++) {
    const t = randomToy(r);
    const realOnly = toyTheory({ ...t, m: 0, gamma: (t.gamma * (t.n + t.m)) / t.n }, EXACT);
    sameResult(toyTheory({ ...t, weight: 0 }, EXACT), realOnly, 1e-10, `toy ${k}`);
    // m = 0: the mode and the noise parameters do not matter
    sameResult(toyTheory({ ...t, m: 0 }), toyTheory({ ...t, m: 0, epsilon: 0.1, rho: 1, phi: 1 }, EXACT), 1e-12, `toy m = 0 ${k}`);
  }
  for (let k = 0; k < 4; k++) {
    const g = randomGeneral(r, 5);
    const realOnly = generalTheory({ ...g, m: 0, gamma: (g.gamma * (g.n + g.m)) / g.n }, EXACT);
    sameResult(generalTheory({ ...g, weight: 0 }, EXACT), realOnly, 1e-10, `general ${k}`);
  }
});

test('toy real-only baseline (m = 0) equals the general setting with C = I and m = 0', () => {
  const r = new Rng(16);
  const p = 6;
  const cov = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
  for (let k = 0; k < 10; k++) {
    const mu = Array.from({ length: p }, () => r.normal() / 2);
    const n = 3 + r.int(30), gamma = 0.2 + r.uniform();
    const t = toyTheory({ n, nHat: 10, m: 0, p, mu: Math.hypot(...mu), epsilon: 0.2, rho: 1, phi: 1, gamma });
    const g = generalTheory({ n, m: 0, mu, muBeta: mu, cov, epsilon: 0.2, rho: 1, phi: 1, gamma });
    sameResult(t, g, 1e-9, `case ${k}`);
  }
});

test('the bracketed toy fixed point (used for β ≠ 1) solves the same equations as the Jacobi iteration', () => {
  const r = new Rng(17);
  let compared = 0;
  for (let k = 0; k < 500; k++) {
    const n = r.int(3001), nHat = 100 + r.int(2901), m = 1 + r.int(20_000), p = 10 + r.int(2991);
    const gamma = 0.1 + 2 * r.uniform(), w = 0.05 + 5 * r.uniform();
    let a;
    try {
      a = toyFixedPointRaw(n, nHat, m, p, w, gamma);
    } catch {
      continue; // neither Jacobi nor its damped fallback converged: nothing to compare
    }
    const b = toyFixedPointBracketed(n, nHat, m, p, w, gamma);
    for (const key of ['deltaR', 'deltaS', 'deltaG'] as const) close(b[key], a[key], 1e-10, `case ${k} ${key}`);
    compared++;
  }
  assert.ok(compared > 400, `only ${compared} cases compared`);
});
