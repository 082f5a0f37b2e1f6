import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { createMixture, sampleGmm } from '../../src/gmm/mixture';
import { fitGmm } from '../../src/gmm/em';
import { kmeans } from '../../src/gmm/kmeans';

const truth = createMixture(
  2,
  [0.5, 0.3, 0.2],
  [0, 0, 12, 0, 0, 12],
  [1, 0.4, 0.4, 0.8, 0.5, 0, 0, 1.5, 2, -0.6, -0.6, 0.7],
);

/** Index of the fitted component nearest to each true mean. */
function match(fitMeans: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    let best = -1, bd = Infinity;
    for (let f = 0; f < k; f++) {
      const d = (fitMeans[2 * f] - truth.means[2 * c]) ** 2 + (fitMeans[2 * f + 1] - truth.means[2 * c + 1]) ** 2;
      if (d < bd) {
        bd = d;
        best = f;
      }
    }
    out.push(best);
  }
  return out;
}

test('EM recovers a well-separated mixture: means within 4 standard errors, weights within 4 binomial SEs', () => {
  const n = 4000;
  const x = sampleGmm(truth, n, new Rng(11));
  const fit = fitGmm(x, 2, 3, new Rng(12));
  assert.ok(fit.converged, 'converged');
  assert.equal(fit.reseeds, 0);
  const m = match(fit.mixture.means, 3);
  assert.equal(new Set(m).size, 3, 'one fitted component per true one');
  for (let c = 0; c < 3; c++) {
    const f = m[c];
    const nc = truth.weights[c] * n;
    for (let a = 0; a < 2; a++) {
      const se = Math.sqrt(truth.covariances[4 * c + 3 * a] / nc);
      const err = Math.abs(fit.mixture.means[2 * f + a] - truth.means[2 * c + a]);
      assert.ok(err < 4 * se, `component ${c} axis ${a}: error ${err}, se ${se}`);
    }
    const w = truth.weights[c], se = Math.sqrt((w * (1 - w)) / n);
    assert.ok(Math.abs(fit.mixture.weights[f] - w) < 4 * se, `weight ${c}: ${fit.mixture.weights[f]} vs ${w}`);
    // variances: relative standard error √(2/n_c)
    for (let a = 0; a < 2; a++) {
      const v = truth.covariances[4 * c + 3 * a];
      const rel = Math.abs(fit.mixture.covariances[4 * f + 3 * a] - v) / v;
      assert.ok(rel < 4 * Math.sqrt(2 / nc), `variance ${c},${a}: relative error ${rel}`);
    }
  }
  const wsum = fit.mixture.weights.reduce((s, w) => s + w, 0);
  assert.ok(Math.abs(wsum - 1) < 1e-12);
});

test('EM never decreases the log-likelihood between iterations (overlapping clusters, several seeds)', () => {
  const overlapping = createMixture(2, [0.4, 0.35, 0.25], [0, 0, 1.5, 0.5, 0.5, 1.8], [1, 0.3, 0.3, 1, 0.6, 0, 0, 1.2, 0.9, -0.2, -0.2, 0.5]);
  let longRuns = 0;
  for (let seed = 0; seed < 6; seed++) {
    const x = sampleGmm(overlapping, 600, new Rng(100 + seed));
    for (const reg of [0, 1e-6]) {
      const fit = fitGmm(x, 2, 4, new Rng(200 + seed), { reg, tol: 1e-9, maxIter: 300 });
      assert.equal(fit.reseeds, 0);
      if (fit.history.length > 20) longRuns++;
      for (let i = 1; i < fit.history.length; i++) {
        // exact EM (reg = 0) is monotone up to rounding; reg·I perturbs the M-step by O(reg)
        const slack = reg === 0 ? 1e-12 * Math.abs(fit.history[i]) : 1e-6;
        assert.ok(fit.history[i] >= fit.history[i - 1] - slack, `seed ${seed} reg ${reg}: ℓ dropped at iteration ${i}: ${fit.history[i - 1]} → ${fit.history[i]}`);
      }
    }
  }
  assert.ok(longRuns > 0, 'at least some fits ran many iterations (the test exercised EM, not just k-means)');
});

test('the d = 2 fast path and the general reference give the same fit', () => {
  const x = sampleGmm(truth, 500, new Rng(21));
  const a = fitGmm(x, 2, 3, new Rng(22));
  const b = fitGmm(x, 2, 3, new Rng(22), { impl: 'general' });
  assert.equal(a.iterations, b.iterations);
  for (let i = 0; i < a.history.length; i++) assert.ok(Math.abs(a.history[i] - b.history[i]) < 1e-9);
  for (let i = 0; i < 6; i++) assert.ok(Math.abs(a.mixture.means[i] - b.mixture.means[i]) < 1e-8);
  for (let i = 0; i < 12; i++) assert.ok(Math.abs(a.mixture.covariances[i] - b.mixture.covariances[i]) < 1e-8);
});

test('EM in d = 3 recovers separated means (general path)', () => {
  const t3 = createMixture(3, [0.5, 0.5], [0, 0, 0, 8, 8, 8], [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0.5, 0, 0.5, 1, 0, 0, 0, 1]);
  const n = 2000;
  const x = sampleGmm(t3, n, new Rng(31));
  const fit = fitGmm(x, 3, 2, new Rng(32));
  for (let c = 0; c < 2; c++) {
    const f = Math.abs(fit.mixture.means[3 * c] - t3.means[0]) < Math.abs(fit.mixture.means[3 * c] - t3.means[3]) ? 0 : 1;
    for (let a = 0; a < 3; a++) {
      const se = Math.sqrt(1 / (n / 2));
      assert.ok(Math.abs(fit.mixture.means[3 * c + a] - t3.means[3 * f + a]) < 4 * se);
    }
  }
});

test('a singular component is re-seeded, and when it cannot recover EM says so (never NaN)', () => {
  // 40 copies of one point beside a Gaussian cloud; with reg = 0 the copies' component is singular
  const rng = new Rng(41);
  const cloud = sampleGmm(createMixture(2, [1], [5, 5], [1, 0, 0, 1]), 200, rng);
  const x = new Float64Array(2 * 240);
  x.set(cloud, 80);
  assert.throws(() => fitGmm(x, 2, 2, new Rng(42), { reg: 0, maxReseeds: 0 }), /EM failed: component \d is singular covariance/);
  // whether re-seeding rescues the copies' component depends on the cloud drawn (it often does), so the
  // spent budget is checked on data that cannot recover whatever the draw: two point masses, where
  // every component, re-seeded or not, sits on copies of one point
  const masses = new Float64Array(2 * 240);
  for (let i = 120; i < 240; i++) masses.fill(5, 2 * i, 2 * i + 2);
  assert.throws(() => fitGmm(masses, 2, 2, new Rng(42), { reg: 0, maxReseeds: 3 }), /re-seed budget \(maxReseeds = 3\) is spent/);
  // with the default reg the same data fit fine: a tight component on the copies
  const ok = fitGmm(x, 2, 2, new Rng(42));
  for (const v of [...ok.mixture.means, ...ok.mixture.covariances, ...ok.mixture.weights]) assert.ok(Number.isFinite(v));
  assert.ok(Number.isFinite(ok.lowerBound));
});

test('a singular component is re-seeded on the worst-fitted point and the fit recovers with finite parameters', () => {
  // four tight, well separated groups fitted with k = 4 where one group holds a single point repeated:
  // with reg = 0 that group is singular at the first M-step and gets re-seeded on the worst point
  const rng = new Rng(51);
  const pts: number[] = [];
  const centres = [[0, 0], [10, 0], [0, 10]];
  for (const [cx, cy] of centres) for (let i = 0; i < 60; i++) pts.push(cx + rng.normal(), cy + rng.normal());
  for (let i = 0; i < 3; i++) pts.push(10, 10); // a singular triple
  const x = Float64Array.from(pts);
  const fit = fitGmm(x, 2, 4, new Rng(52), { reg: 0, maxReseeds: 50 });
  assert.ok(fit.reseeds > 0, 'the singular component was re-seeded');
  for (const v of [...fit.mixture.means, ...fit.mixture.covariances, ...fit.mixture.weights]) assert.ok(Number.isFinite(v), 'finite parameters');
  assert.ok(Number.isFinite(fit.lowerBound));
});

test('k-means finds separated clusters and bad EM input is rejected by name', () => {
  const x = sampleGmm(truth, 300, new Rng(61));
  const km = kmeans(x, 2, 3, new Rng(62));
  assert.equal(new Set(km.labels).size, 3);
  assert.throws(() => fitGmm(x, 2, 0, new Rng(1)), /number of components k must be an integer ≥ 1, got 0/);
  assert.throws(() => fitGmm(x.subarray(0, 4), 2, 3, new Rng(1)), /needs at least k = 3 points, got n = 2/);
  assert.throws(() => fitGmm(Float64Array.of(0, 0, NaN, 1), 2, 1, new Rng(1)), /EM data coordinate 2 \(point 1\) must be finite, got NaN/);
  assert.throws(() => fitGmm(x, 2, 2, new Rng(1), { tol: -1 }), /EM tol must be ≥ 0, got -1/);
  assert.throws(() => fitGmm(x, 2, 2, new Rng(1), { maxIter: 0 }), /EM maxIter must be an integer ≥ 1, got 0/);
  assert.throws(() => fitGmm(x, 2, 2, new Rng(1), { reg: -1e-6 }), /EM reg must be finite and ≥ 0, got -0.000001/);
});
