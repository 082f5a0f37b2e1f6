import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import {
  createMixture,
  mixtureDensity,
  mixtureLogDensity,
  mixtureMoments,
  prepareMixture,
  sampleGmm,
  type GaussianMixture,
} from '../../src/gmm/mixture';
import { covarianceEllipse } from '../../src/gmm/ellipse';

const mix2 = createMixture(
  2,
  [0.5, 0.3, 0.2],
  [0, 0, 4, 1, -1, 3],
  [1, 0.3, 0.3, 0.5, 0.4, -0.1, -0.1, 0.2, 2, 0.9, 0.9, 1],
);

/** Plain reference: Σ_c w_c N(x; μ_c, Σ_c) for d = 2 by the explicit 2×2 inverse and determinant. */
function density2(m: GaussianMixture, x: number, y: number): number {
  let s = 0;
  for (let c = 0; c < m.k; c++) {
    const [a, b, , d] = m.covariances.subarray(4 * c, 4 * c + 4);
    const det = a * d - b * b;
    const dx = x - m.means[2 * c], dy = y - m.means[2 * c + 1];
    const q = (d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
    s += (m.weights[c] * Math.exp(-0.5 * q)) / (2 * Math.PI * Math.sqrt(det));
  }
  return s;
}

test('log-density matches the explicit 2×2 formula, and the general-d code path', () => {
  const rng = new Rng(1);
  const pts = new Float64Array(200).map(() => rng.uniform() * 12 - 4);
  const lp = mixtureLogDensity(mix2, pts);
  // the same mixture embedded in d = 3 with an independent N(0,1) third axis: log p3 = log p2 + log φ(0)
  const means3 = [0, 0, 0, 4, 1, 0, -1, 3, 0];
  const covs3: number[] = [];
  for (let c = 0; c < 3; c++) {
    const [a, b, , d] = mix2.covariances.subarray(4 * c, 4 * c + 4);
    covs3.push(a, b, 0, b, d, 0, 0, 0, 1);
  }
  const mix3 = createMixture(3, mix2.weights, means3, covs3);
  const pts3 = new Float64Array(300);
  for (let i = 0; i < 100; i++) pts3.set([pts[2 * i], pts[2 * i + 1], 0], 3 * i);
  const lp3 = mixtureLogDensity(mix3, pts3);
  for (let i = 0; i < 100; i++) {
    const ref = Math.log(density2(mix2, pts[2 * i], pts[2 * i + 1]));
    assert.ok(Math.abs(lp[i] - ref) < 1e-10 * Math.max(1, Math.abs(ref)), `point ${i}: ${lp[i]} vs ${ref}`);
    assert.ok(Math.abs(lp3[i] - (ref - 0.5 * Math.log(2 * Math.PI))) < 1e-10 * Math.max(1, Math.abs(ref)));
  }
});

test('log-sum-exp stays finite far out where the density underflows', () => {
  const far = Float64Array.of(1e4, -1e4);
  const lp = mixtureLogDensity(mix2, far)[0];
  assert.ok(Number.isFinite(lp) && lp < -1e6, `log p far out = ${lp}`);
  assert.equal(mixtureDensity(mix2, far)[0], 0);
});

test('the density integrates to 1 (grid integral in 2-D, error well below the grid tolerance)', () => {
  // midpoint rule on [-12, 14]^2 with h = 0.02: error O(h²) and tails < 1e-12
  const h = 0.02, lo = -12, n = 1300;
  const row = new Float64Array(2 * n);
  const out = new Float64Array(n);
  const p = prepareMixture(mix2);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      row[2 * j] = lo + (i + 0.5) * h;
      row[2 * j + 1] = lo + (j + 0.5) * h;
    }
    mixtureDensity(p, row, out);
    for (let j = 0; j < n; j++) total += out[j];
  }
  total *= h * h;
  assert.ok(Math.abs(total - 1) < 1e-4, `∫p = ${total}`);
});

test('the density integrates to 1 in d = 3 (importance sampling, within 4 standard errors)', () => {
  const rng = new Rng(2);
  const m3 = createMixture(3, [0.6, 0.4], [0, 0, 0, 2, -1, 1], [1, 0.2, 0, 0.2, 1, 0.1, 0, 0.1, 0.5, 0.7, 0, 0, 0, 0.6, 0.2, 0, 0.2, 1.2]);
  // proposal N(0.5·1, 9 I): E_q[p/q] = 1
  const n = 200000;
  const q = createMixture(3, [1], [1, -0.5, 0.5], [9, 0, 0, 0, 9, 0, 0, 0, 9]);
  const x = sampleGmm(q, n, rng);
  const lp = mixtureLogDensity(m3, x), lq = mixtureLogDensity(q, x);
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.exp(lp[i] - lq[i]);
    s += w;
    s2 += w * w;
  }
  const mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
  assert.ok(Math.abs(mean - 1) < 4 * se, `∫p ≈ ${mean} ± ${se}`);
});

test('samples match the mixture mean and covariance (tolerances from n and the fourth moments)', () => {
  const rng = new Rng(3);
  const n = 100000;
  const labels = new Int32Array(n);
  const x = sampleGmm(mix2, n, rng, undefined, labels);
  const { mean, covariance } = mixtureMoments(mix2);
  const m = [0, 0];
  for (let i = 0; i < n; i++) for (let a = 0; a < 2; a++) m[a] += x[2 * i + a] / n;
  for (let a = 0; a < 2; a++) {
    const se = Math.sqrt(covariance[3 * a] / n);
    assert.ok(Math.abs(m[a] - mean[a]) < 4 * se, `mean ${a}: ${m[a]} vs ${mean[a]} (se ${se})`);
  }
  for (const [a, b] of [[0, 0], [0, 1], [1, 1]]) {
    // sample covariance entry and the standard error of the mean of the centred products
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = (x[2 * i + a] - mean[a]) * (x[2 * i + b] - mean[b]);
      s += v;
      s2 += v * v;
    }
    const c = s / n, se = Math.sqrt((s2 / n - c * c) / n);
    assert.ok(Math.abs(c - covariance[2 * a + b]) < 4 * se, `cov (${a},${b}): ${c} vs ${covariance[2 * a + b]} (se ${se})`);
  }
  // component frequencies: binomial standard errors
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  mix2.weights.forEach((w, c) => {
    const se = Math.sqrt((w * (1 - w)) / n);
    assert.ok(Math.abs(counts[c] / n - w) < 4 * se, `weight ${c}: ${counts[c] / n} vs ${w}`);
  });
});

test('bad mixtures are rejected by name', () => {
  assert.throws(() => createMixture(2, [0.5, 0.6], [0, 0, 1, 1], [1, 0, 0, 1, 1, 0, 0, 1]), /weights must sum to 1, got 1.1/);
  assert.throws(() => createMixture(2, [-0.5, 1.5], [0, 0, 1, 1], [1, 0, 0, 1, 1, 0, 0, 1]), /weight 0 must be finite and ≥ 0, got -0.5/);
  assert.throws(() => createMixture(2, [1], [0, 0], [1, 0.5, 0.2, 1]), /covariance of component 0 is not symmetric/);
  assert.throws(() => createMixture(2, [1], [0, 0], [1, 2, 2, 1]), /covariance of component 0 is not positive definite/);
  assert.throws(() => createMixture(2, [1], [0, NaN], [1, 0, 0, 1]), /mean entry 1 must be finite, got NaN/);
  assert.throws(() => createMixture(0, [1], [], []), /dimension d must be an integer ≥ 1, got 0/);
  assert.throws(() => mixtureLogDensity(mix2, new Float64Array(3)), /length 3 is not a multiple of d = 2/);
  assert.throws(() => sampleGmm(mix2, -1, new Rng(1)), /number of samples must be an integer ≥ 0, got -1/);
});

test('covariance ellipses sit at Mahalanobis distance s', () => {
  const mean = [1, 2], cov = [2, 0.8, 0.8, 1];
  const det = cov[0] * cov[3] - cov[1] * cov[1];
  for (const s of [1, 2]) {
    const pts = covarianceEllipse(mean, cov, s, 50);
    assert.equal(pts.length, 51);
    assert.deepEqual(pts[0], pts[50]);
    for (const { x, y } of pts) {
      const dx = x - mean[0], dy = y - mean[1];
      const q = (cov[3] * dx * dx - 2 * cov[1] * dx * dy + cov[0] * dy * dy) / det;
      assert.ok(Math.abs(Math.sqrt(q) - s) < 1e-12);
    }
  }
  assert.throws(() => covarianceEllipse(mean, cov, 0), /ellipse scale s must be finite and > 0, got 0/);
});
