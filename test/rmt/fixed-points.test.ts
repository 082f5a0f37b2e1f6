import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import {
  toyFixedPoint, generalFixedPointRaw, syntheticOnlyDelta, noisePruning, prepareCovariance,
} from '../../src/rmt/index';

test('toy fixed point satisfies its three equations (residual < 1e-10) on random parameters', () => {
  const rng = new Rng(11);
  for (let k = 0; k < 200; k++) {
    const P = {
      n: rng.int(3000), nHat: 1 + rng.int(3000), m: 1 + rng.int(10000), p: 1 + rng.int(3000), mu: 1,
      epsilon: rng.uniform(), rho: rng.uniform(), phi: 0.05 + 0.95 * rng.uniform(), gamma: 0.05 + 3 * rng.uniform(),
    };
    const { alpha } = noisePruning(P.epsilon, P.rho, P.phi);
    const { deltaR: dr, deltaS: ds, deltaG: dg } = toyFixedPoint(P);
    const N = P.n + P.m, pi = P.n / N, s = alpha * (1 - pi);
    const r1 = ((P.nHat / N) * (1 + ds) * dg) / s - dr;
    const r2 = (alpha * dr) / (1 + dg) - ds;
    const r3 = (s * P.p) / (P.nHat * (1 + ds) * (P.gamma + pi / (1 + dr) + s / ((1 + ds) * (1 + dg)))) - dg;
    for (const [name, r] of [['delta_r', r1], ['delta_s', r2], ['delta_g', r3]] as const) {
      assert.ok(Math.abs(r) < 1e-10, `${name} residual ${r} at ${JSON.stringify(P)}`);
    }
    assert.ok(dr > 0 && ds > 0 && dg > 0);
  }
});

test('where the reference Jacobi iteration oscillates away, the damped fallback solves the same equations', () => {
  // Found by random search: the plain Jacobi iteration from (1, 1, 1) diverges in a growing 2-cycle.
  const P = {
    n: 290, nHat: 2270, m: 1012, p: 2751, mu: 1, epsilon: 0.9167650597353454, rho: 0.695724832984015,
    phi: 0.8200905816944357, gamma: 0.49549658552117953,
  };
  const f = toyFixedPoint(P);
  assert.equal(f.method, 'damped');
  const { alpha } = noisePruning(P.epsilon, P.rho, P.phi);
  const N = P.n + P.m, pi = P.n / N, s = alpha * (1 - pi);
  const { deltaR: dr, deltaS: ds, deltaG: dg } = f;
  assert.ok(Math.abs(((P.nHat / N) * (1 + ds) * dg) / s - dr) < 1e-10);
  assert.ok(Math.abs((alpha * dr) / (1 + dg) - ds) < 1e-10);
  assert.ok(Math.abs((s * P.p) / (P.nHat * (1 + ds) * (P.gamma + pi / (1 + dr) + s / ((1 + ds) * (1 + dg)))) - dg) < 1e-10);
  assert.equal(toyFixedPoint({ ...P, p: 200 }).method, 'jacobi');
});

test('Theorem 4.2 fixed point satisfies its equations; Corollary 4.3 δ is its δ_s at n = 0, C = I', () => {
  const rng = new Rng(12);
  const c = Float64Array.from({ length: 60 }, () => 0.1 + 3 * rng.uniform());
  for (const [n, m, alpha, gamma] of [[40, 70, 0.6, 0.5], [0, 30, 0.9, 1], [100, 0, 0.3, 0.1]]) {
    const { delta, deltaS } = generalFixedPointRaw(c, n, m, alpha, gamma);
    const N = n + m, pi = n / N;
    let s0 = 0, s1 = 0;
    for (const ci of c) {
      const d = gamma + pi / (1 + delta) + (alpha * (1 - pi) * ci) / (1 + deltaS);
      s0 += 1 / d;
      s1 += ci / d;
    }
    assert.ok(Math.abs(s0 / N - delta) < 1e-11);
    assert.ok(Math.abs((alpha * s1) / N - deltaS) < 1e-11);
  }
  for (const [m, p, alpha, gamma] of [[1000, 100, 0.5, 1], [10, 200, 0.9, 0.2], [1e6, 5, 0.1, 5]]) {
    const ones = new Float64Array(p).fill(1);
    const { deltaS } = generalFixedPointRaw(ones, 0, m, alpha, gamma);
    const closed = syntheticOnlyDelta(m, p, alpha, gamma);
    assert.ok(Math.abs(closed - deltaS) <= 1e-12 * Math.max(1, closed), `m=${m} p=${p}: ${closed} vs ${deltaS}`);
  }
});

test('eigen-decomposition is done once and reproduces C', () => {
  const C = [[2, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 3]];
  const prep = prepareCovariance(C);
  const p = 3;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += prep.eigenvectors[i * p + k] * prep.eigenvalues[k] * prep.eigenvectors[j * p + k];
      assert.ok(Math.abs(s - C[i][j]) < 1e-13);
    }
  }
});
