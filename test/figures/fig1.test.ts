import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import {
  computeFig1, densityHistogram, fig1, mpCurve, wishartSpectrum, wishartSpectrumDense,
} from '../../src/figures/fig1-marchenko-pastur';
import { tridiagonalEigenvalues } from '../../src/linalg/tridiagonal';
import { Rng } from '../../src/random/rng';
import { mpAtom, mpCdf, mpDensity } from '../../src/rmt/index';
import { renderSpec } from './spec-check';

test('tridiagonal QL eigenvalues equal the dense symmetric eigen-decomposition', () => {
  const rng = new Rng(11);
  for (const p of [1, 2, 3, 10, 60]) {
    for (const kind of ['random', 'zeros', 'clustered']) {
      const d = Array.from({ length: p }, (_, i) => (kind === 'zeros' ? 0 : kind === 'clustered' ? 1 + 1e-9 * i : rng.normal() * 3));
      const e = Array.from({ length: p - 1 }, (_, i) => (kind === 'zeros' && i % 3 === 0 ? 0 : rng.normal()));
      const dense = Matrix.zeros(p, p);
      for (let i = 0; i < p; i++) dense.set(i, i, d[i]);
      for (let i = 0; i < p - 1; i++) { dense.set(i, i + 1, e[i]); dense.set(i + 1, i, e[i]); }
      const ref = Float64Array.from(new EigenvalueDecomposition(dense, { assumeSymmetric: true }).realEigenvalues).sort();
      const got = tridiagonalEigenvalues(d, e);
      const scale = Math.max(1, ...ref.map(Math.abs));
      for (let i = 0; i < p; i++) assert.ok(Math.abs(got[i] - ref[i]) < 1e-12 * scale * p, `p=${p} ${kind} λ${i}: ${got[i]} vs ${ref[i]}`);
    }
  }
  assert.throws(() => tridiagonalEigenvalues([1, 2], [1, 2]), /off-diagonal must have length p - 1 = 1, got 2/);
  assert.throws(() => tridiagonalEigenvalues([1, NaN], [0]), /diag\[1\] must be finite, got NaN/);
});

test('the bidiagonal-model spectrum has the law of the Bartlett (dense) spectrum', () => {
  // Same law, different randomness: compare the means of the extreme and median eigenvalues over
  // R independent spectra, within 4 standard errors of the difference.
  const R = 60;
  for (const [p, nHat] of [[30, 90], [40, 25]]) {
    const stats = (f: typeof wishartSpectrum, seed: number): number[][] => {
      const base = new Rng(seed);
      const rows: number[][] = [];
      for (let r = 0; r < R; r++) {
        const ev = f(p, nHat, base.substream(r));
        rows.push([ev[0], ev[Math.floor(p / 2)], ev[p - 1], ev.reduce((a, b) => a + b, 0) / p]);
      }
      return rows;
    };
    const a = stats(wishartSpectrum, 1);
    const b = stats(wishartSpectrumDense, 2);
    for (let k = 0; k < 4; k++) {
      const ma = a.reduce((s, r) => s + r[k], 0) / R, mb = b.reduce((s, r) => s + r[k], 0) / R;
      const va = a.reduce((s, r) => s + (r[k] - ma) ** 2, 0) / (R - 1), vb = b.reduce((s, r) => s + (r[k] - mb) ** 2, 0) / (R - 1);
      const se = Math.sqrt(va / R + vb / R);
      assert.ok(Math.abs(ma - mb) <= 4 * se + 1e-12, `p=${p} n̂=${nHat} stat ${k}: ${ma} vs ${mb} (se ${se})`);
    }
    // E[tr(XXᵀ)/(p n̂)] = 1 for both: the mean eigenvalue (stat 3) has mean 1
    const m3 = a.reduce((s, r) => s + r[3], 0) / R;
    assert.ok(Math.abs(m3 - 1) < 4 * Math.sqrt(2 / (p * nHat) / R), `mean eigenvalue ${m3}`);
  }
});

test('fig1: the spectra match the Marchenko–Pastur law (Kolmogorov distance), atom included', () => {
  const d = computeFig1({ ...fig1.defaults, p: 300, nHat: 3000, compactNHats: [600, 3000, 150] });
  assert.equal(d.main.eigenvalues.length, 300);
  assert.equal(d.main.etaHat, 0.1);
  // the edge fluctuations are O(p^{-2/3}); the bulk Kolmogorov distance is O(1/p)
  for (const s of d.compact) assert.ok(s.kolmogorov < 0.03, `n̂=${s.nHat}: Kolmogorov distance ${s.kolmogorov}`);
  // n̂ = 150 < p = 300: p − n̂ zero eigenvalues (the atom 1 − 1/η̂ = 1/2)
  const singular = d.compact[2];
  assert.equal(singular.etaHat, 2);
  assert.equal(singular.eigenvalues.filter((x) => x === 0).length, 150);
  assert.equal(mpAtom(2), 0.5);
  // the shared spectrum: the main panel and the compact n̂ = 3000 are the same draw
  assert.deepEqual(d.compact[1].eigenvalues, d.main.eigenvalues);
  // the reported distance is the sup over the sample of |F_n − F|
  const ev = d.compact[0].eigenvalues;
  let ks = 0;
  ev.forEach((x, i) => { const f = mpCdf(x, 0.5); ks = Math.max(ks, Math.abs((i + 1) / ev.length - f), Math.abs(i / ev.length - f)); });
  assert.equal(d.compact[0].kolmogorov, ks);
});

test('fig1: histograms integrate to 1 and follow the MP density', () => {
  const d = computeFig1({ ...fig1.defaults, p: 400, nHat: 8000, compactNHats: [8000] });
  const h = d.main.histogram;
  assert.equal(h.length, 25);
  assert.equal(h.reduce((s, b) => s + b.count, 0), 400);
  const integral = h.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0);
  assert.ok(Math.abs(integral - 1) < 1e-12, `integral ${integral}`);
  // each bin's mass against the MP mass of the bin: |count − p·F(bin)| within 4 binomial sd + edge slack
  for (const b of h) {
    const mass = mpCdf(b.x1, d.main.etaHat) - mpCdf(b.x0, d.main.etaHat);
    const sd = Math.sqrt(400 * mass * (1 - mass));
    assert.ok(Math.abs(b.count - 400 * mass) <= 4 * sd + 3, `bin [${b.x0}, ${b.x1}): ${b.count} vs ${400 * mass}`);
  }
  // the density curve is mpDensity on the support
  for (const c of d.main.curve) assert.equal(c.density, mpDensity(c.x, d.main.etaHat));
  assert.equal(d.main.curve[0].x, d.main.edges.a);
  assert.ok(Math.abs(d.main.curve[d.main.curve.length - 1].x - d.main.edges.b) < 1e-12);
  // numpy-style histogram on a known sample
  const bins = densityHistogram([0, 1, 1, 2, 4], 4);
  assert.deepEqual(bins.map((b) => b.count), [1, 2, 1, 1]);
  assert.deepEqual(bins.map((b) => b.density), [0.2, 0.4, 0.2, 0.2]);
});

test('fig1: paper parameters, seeded and reproducible; densities for each η̂ with the atom for η̂ > 1', async () => {
  const a = await fig1.compute(fig1.defaults);
  const b = await fig1.compute(fig1.defaults);
  assert.deepEqual(a, b);
  assert.equal(a.main.nHat, 50000);
  assert.equal(a.main.eigenvalues.length, 500);
  assert.ok(a.main.kolmogorov < 0.03);
  assert.deepEqual(a.densities.map((x) => x.etaHat), [0.01, 0.1, 1, 2]);
  assert.deepEqual(a.densities.map((x) => x.atom), [0, 0, 0, 0.5]);
  assert.deepEqual(a.compact.map((s) => s.nHat), [5000, 50000]);
  const c = mpCurve(2, 50);
  assert.equal(c.length, 50);
  const other = await fig1.compute({ ...fig1.defaults, seed: 2 });
  assert.notDeepEqual(other.main.eigenvalues, a.main.eigenvalues);
});

test('fig1: bad parameters are rejected by name', () => {
  assert.throws(() => computeFig1({ ...fig1.defaults, p: 1 }), /p must be an integer >= 2, got 1/);
  assert.throws(() => computeFig1({ ...fig1.defaults, etaHats: [0.1, 0] }), /etaHats\[1\] must be in \(0, inf\), got 0/);
  assert.throws(() => computeFig1({ ...fig1.defaults, layout: 'wide' as never }), /layout must be one of "all", "paper", "compact", got "wide"/);
  assert.throws(() => computeFig1({ ...fig1.defaults, bins: 0 }), /bins must be an integer in \[1, 10000\], got 0/);
});

test('fig1: the three layouts render', async () => {
  for (const layout of ['all', 'paper', 'compact'] as const) {
    const params = { ...fig1.defaults, p: 100, nHat: 1000, compactNHats: [200, 1000], layout };
    const d = computeFig1(params);
    const { svg, warnings } = await renderSpec(fig1.spec(d, params));
    assert.deepEqual(warnings, [], layout);
    if (layout !== 'compact') assert.ok(svg.includes('atom 0.5 at 0'), 'atom annotated');
    if (layout !== 'paper') assert.ok(svg.includes('1,000') && svg.includes('n̂'), 'compact legend');
  }
});
