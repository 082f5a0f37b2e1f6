import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng';
import { createMixture, sampleGmm } from '../../src/gmm/mixture';
import { compareKlEstimators, klGaussians, klMonteCarlo, klPaperHistogram, klSharedHistogram } from '../../src/gmm/kl';

const P = createMixture(2, [1], [0, 0], [1, 0.3, 0.3, 0.6]);
const Q = createMixture(2, [1], [0.8, -0.4], [1.5, -0.2, -0.2, 1.1]);
const exact = klGaussians(P.means, P.covariances, Q.means, Q.covariances);

test('closed-form Gaussian KL: a 1-D textbook value and KL(P‖P) = 0', () => {
  // KL(N(0,1) ‖ N(1,4)) = log 2 + (1 + 1)/8 − 1/2
  assert.ok(Math.abs(klGaussians([0], [1], [1], [4]) - (Math.log(2) + 0.25 - 0.5)) < 1e-14);
  assert.ok(Math.abs(klGaussians(P.means, P.covariances, P.means, P.covariances)) < 1e-14);
  assert.ok(exact > 0.3 && exact < 2, `KL(P‖Q) = ${exact}`);
});

test('Monte Carlo KL of two Gaussians matches the closed form within 4 standard errors', () => {
  for (const [seed, n] of [[1, 2000], [2, 20000], [3, 200000]]) {
    const r = klMonteCarlo(P, Q, n, new Rng(seed));
    assert.ok(Math.abs(r.kl - exact) < 4 * r.se, `n = ${n}: ${r.kl} ± ${r.se} vs ${exact}`);
  }
  // and for mixtures against a mixture: KL(M‖M) = 0 exactly (log-ratio identically 0)
  const M = createMixture(2, [0.5, 0.5], [0, 0, 3, 3], [1, 0, 0, 1, 1, 0.5, 0.5, 1]);
  const r = klMonteCarlo(M, M, 1000, new Rng(4));
  assert.equal(r.kl, 0);
  assert.equal(r.se, 0);
});

test('shared-bin histogram KL converges to the exact value when cells are well filled', () => {
  // 400,000 points per side in 20×20 cells: plug-in bias O(cells/n) and binning error O(h²) are small
  const rng = new Rng(5);
  const xp = sampleGmm(P, 400000, rng), xq = sampleGmm(Q, 400000, rng);
  const est = klSharedHistogram(xp, xq, { bins: 20 });
  assert.ok(Math.abs(est - exact) < 0.08 * exact, `shared ${est} vs exact ${exact}`);
});

/**
 * Independent plain re-implementation of the reference's numpy/scipy steps: histogramdd(density=True)
 * per sample on its own range → clip at 1e-10 → scipy.stats.entropy (normalises both to sum 1).
 */
function referencePaperKl(p: Float64Array, q: Float64Array, bins: number): number {
  const dens = (x: Float64Array): number[] => {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < x.length; i += 2) {
      x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]);
      y0 = Math.min(y0, x[i + 1]); y1 = Math.max(y1, x[i + 1]);
    }
    const counts = new Array(bins * bins).fill(0);
    const n = x.length / 2;
    for (let i = 0; i < x.length; i += 2) {
      const ix = Math.min(bins - 1, Math.floor(((x[i] - x0) / (x1 - x0)) * bins));
      const iy = Math.min(bins - 1, Math.floor(((x[i + 1] - y0) / (y1 - y0)) * bins));
      counts[ix * bins + iy]++;
    }
    const area = ((x1 - x0) / bins) * ((y1 - y0) / bins);
    return counts.map((c) => Math.max(c / (n * area), 1e-10));
  };
  const a = dens(p), b = dens(q);
  const sa = a.reduce((s, v) => s + v, 0), sb = b.reduce((s, v) => s + v, 0);
  let kl = 0;
  for (let i = 0; i < a.length; i++) kl += (a[i] / sa) * Math.log(a[i] / sa / (b[i] / sb));
  return kl;
}

test("the paper's histogram estimator reproduces the reference's numpy/scipy steps", () => {
  const rng = new Rng(6);
  for (const n of [300, 1000]) {
    const xp = sampleGmm(P, n, rng), xq = sampleGmm(Q, n, rng);
    const ours = klPaperHistogram(xp, xq);
    const ref = referencePaperKl(xp, xq, 50);
    assert.ok(Math.abs(ours - ref) < 1e-9 * Math.max(1, ref), `${ours} vs ${ref}`);
  }
});

test("what the paper's estimator does: blind to translation, and far from 0 for identical laws", () => {
  const rng = new Rng(7);
  const xp = sampleGmm(P, 1000, rng), xq = sampleGmm(Q, 1000, rng), xp2 = sampleGmm(P, 1000, rng);
  // (1) each set is binned on its own range, so moving P anywhere changes nothing
  const moved = xp.map((v, i) => v + (i % 2 === 0 ? 50 : -30));
  const a = klPaperHistogram(xp, xq), b = klPaperHistogram(moved, xq);
  assert.ok(Math.abs(a - b) < 1e-9, `translation changed the paper estimate: ${a} vs ${b}`);
  // while the shared-bin estimate and the truth grow enormously
  assert.ok(klSharedHistogram(moved, xq) > klSharedHistogram(xp, xq) + 5);
  // (2) two samples of the SAME law: true KL is 0, Monte Carlo gives ≈ 0, the paper estimate is large
  //     (1,000 points in 2,500 cells: occupied P cells facing empty Q cells each add ≈ (1/n)·log(1/(n·1e-10·A)))
  const same = klPaperHistogram(xp, xp2);
  assert.ok(same > 5, `paper estimate for identical laws: ${same}`);
  const mc = klMonteCarlo(P, P, 1000, new Rng(8));
  assert.equal(mc.kl, 0);
  // (3) the shared-bin estimator has the same sparse-cell bias at the paper's sizes
  assert.ok(klSharedHistogram(xp, xp2) > 5);
});

test('bad estimator input is rejected by name', () => {
  const x = new Float64Array(20);
  assert.throws(() => klPaperHistogram(x, x, { bins: 0 }), /histogram bins must be an integer in \[1, 4096\], got 0/);
  assert.throws(() => klPaperHistogram(x, x, { clip: 0 }), /histogram clip must be finite and > 0, got 0/);
  assert.throws(() => klPaperHistogram(new Float64Array(3), x), /P samples must hold 2-D points \(even length\), got length 3/);
  assert.throws(() => klSharedHistogram(x, new Float64Array(0)), /Q samples is empty/);
  assert.throws(() => klMonteCarlo(P, Q, 1, new Rng(1)), /Monte Carlo KL needs an integer number of samples ≥ 2, got 1/);
  assert.throws(() => klMonteCarlo(P, createMixture(1, [1], [0], [1]), 10, new Rng(1)), /same dimension, got 2 and 1/);
});

test('compareKlEstimators: Monte Carlo within 4 SE of the exact value; histogram means are round averages', () => {
  const c = compareKlEstimators(P, Q, { n: 1000, rounds: 5 }, new Rng(10));
  assert.ok(Math.abs(c.mc.kl - exact) < 4 * c.mc.se);
  assert.equal(c.mc.n, 5000);
  // replay the rounds by hand: same generator, same order of draws
  const rng = new Rng(10);
  const vals: number[] = [];
  for (let r = 0; r < 5; r++) {
    const a = sampleGmm(P, 1000, rng), b = sampleGmm(Q, 1000, rng);
    vals.push(klPaperHistogram(a, b));
  }
  assert.ok(Math.abs(c.paper.mean - vals.reduce((s, v) => s + v, 0) / 5) < 1e-12);
  assert.ok(c.paper.std > 0 && c.shared.std > 0);
  assert.throws(() => compareKlEstimators(P, Q, { rounds: 0 }, new Rng(1)), /rounds must be an integer ≥ 1, got 0/);
});
