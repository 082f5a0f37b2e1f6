import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import {
  generalTheory, generalTheoryDense, generalTheoryPrepared, prepareCovariance, syntheticOnlyTheory, toyTheory,
  type TheoryResult,
} from '../../src/rmt/index';

function randomSpd(rng: Rng, p: number): Float64Array {
  // C = AAᵀ/k + 0.05 I with A ∈ R^{p×k}: a generic SPD matrix with a spread spectrum.
  const k = p + 3;
  const A = rng.normals(p * k);
  const C = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += A[i * k + l] * A[j * k + l];
      C[i * p + j] = C[j * p + i] = s / k + (i === j ? 0.05 : 0);
    }
  }
  return C;
}

function assertSame(a: TheoryResult, b: TheoryResult, tol: number, what: string): void {
  const fields = ['accuracy', 'accuracySymmetric', 'mean', 'secondMoment'] as const;
  for (const f of fields) {
    assert.ok(Math.abs(a[f] - b[f]) <= tol * Math.max(1, Math.abs(b[f])), `${what} ${f}: ${a[f]} vs ${b[f]}`);
  }
  assert.equal(a.deltas.length, b.deltas.length);
  a.deltas.forEach((d, i) => assert.ok(Math.abs(d - b.deltas[i]) <= tol * Math.max(1, Math.abs(b.deltas[i])), `${what} delta[${i}]`));
}

test('fast eigenbasis evaluation equals the dense O(p³) reference to 1e-10', () => {
  const rng = new Rng(20250101);
  for (const p of [4, 17, 40]) {
    const cov = randomSpd(rng, p);
    const prep = prepareCovariance(cov);
    const mu = rng.normals(p).map((x) => x / Math.sqrt(p));
    const muBeta = mu.map((x) => x + 0.3 * rng.normal() / Math.sqrt(p));
    const cases = [
      { n: 50, m: 80, epsilon: 0.2, rho: 0.1, phi: 0.9, gamma: 0.5 },
      { n: 0, m: 3 * p, epsilon: 0, rho: 0, phi: 1, gamma: 1 }, // π = 0 (Figure 3's ε)
      { n: 2 * p, m: 0, epsilon: 0.4, rho: 1, phi: 0.5, gamma: 2 }, // real data only
      { n: 10, m: 500, epsilon: 0.7, rho: 0.3, phi: 0.8, gamma: 0.05 }, // λ < 0
    ];
    for (const c of cases) {
      const params = { ...c, mu, muBeta, cov };
      const dense = generalTheoryDense(params);
      assertSame(generalTheory(params), dense, 1e-10, `p=${p} ${JSON.stringify(c)}`);
      assertSame(generalTheoryPrepared(prep, { ...c, mu, muBeta }), dense, 1e-10, `prepared p=${p}`);
    }
    // μ_β = μ makes the rank-2 update rank 1: the Woodbury form must not break down.
    const same = { n: 0, m: 2 * p, mu, muBeta: mu, epsilon: 0, rho: 0, phi: 1, gamma: 1 };
    assertSame(generalTheoryPrepared(prep, same), generalTheoryDense({ ...same, cov }), 1e-10, `mu_beta = mu, p=${p}`);
  }
});

test('nested-array and Float64Array covariances give the same result', () => {
  const cov = [[2, 0.3], [0.3, 1]];
  const params = { n: 5, m: 7, mu: [0.5, 0.1], muBeta: [0.4, 0.2], epsilon: 0.1, rho: 0, phi: 1, gamma: 1 };
  assert.deepEqual(generalTheory({ ...params, cov }), generalTheory({ ...params, cov: Float64Array.from([2, 0.3, 0.3, 1]) }));
});

test('Corollary 4.3 is Theorem 4.2 with n = 0, C = I, μ_β = μ (to 1e-9)', () => {
  const rng = new Rng(7);
  for (const [p, m, eps, rho, phi, gamma, norm] of [
    [100, 1000, 0.3, 0.3, 0.8, 1, 1], [30, 20, 0.1, 0, 1, 0.3, 2], [50, 5000, 0.9, 0.5, 0.6, 3, 0.7],
  ]) {
    const dir = rng.normals(p);
    const len = Math.hypot(...dir);
    const mu = dir.map((x) => (x / len) * norm);
    const I = new Float64Array(p * p);
    for (let i = 0; i < p; i++) I[i * p + i] = 1;
    const g = generalTheory({ n: 0, m, mu, muBeta: mu, cov: I, epsilon: eps, rho, phi, gamma });
    const s = syntheticOnlyTheory({ m, p, mu: norm, epsilon: eps, rho, phi, gamma });
    for (const f of ['accuracy', 'accuracySymmetric', 'mean', 'secondMoment'] as const) {
      assert.ok(Math.abs(g[f] - s[f]) <= 1e-9, `${f}: general ${g[f]} vs corollary ${s[f]} (p=${p}, m=${m})`);
    }
    // Corollary 4.3's δ is Theorem 4.2's δ_s at π = 0.
    assert.ok(Math.abs(g.deltas[1] - s.deltas[0]) <= 1e-9, `delta_s ${g.deltas[1]} vs ${s.deltas[0]}`);
  }
});

test('toy setting tends to the general one with C = I as n̂ → ∞ (Ĉ → I), error O(p/n̂)', () => {
  const p = 120, n = 300, m = 700;
  const mu = new Float64Array(p);
  mu[5] = 0.9;
  const I = new Float64Array(p * p);
  for (let i = 0; i < p; i++) I[i * p + i] = 1;
  const common = { epsilon: 0.2, rho: 0.3, phi: 0.8, gamma: 0.7 };
  const g = generalTheory({ n, m, mu, muBeta: mu, cov: I, ...common });
  let prev = Infinity;
  for (const nHat of [1e5, 1e7, 1e9]) {
    const t = toyTheory({ n, nHat, m, p, mu: 0.9, ...common });
    const diff = Math.max(Math.abs(t.mean - g.mean), Math.abs(t.secondMoment - g.secondMoment), Math.abs(t.deltas[0] - g.deltas[0]));
    assert.ok(diff <= (10 * p) / nHat, `n̂=${nHat}: max difference ${diff} > 10p/n̂`);
    assert.ok(diff < prev, 'difference shrinks as n̂ grows');
    prev = diff;
  }
});
