import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Rng } from '../../src/random/rng';
import { mpAtom, mpCdf, mpDensity, mpEdges, mpKolmogorov } from '../../src/rmt/index';

/** Sorted eigenvalues of XXᵀ/n̂ for X ∈ R^{p×n̂} with i.i.d. N(0, 1) entries. */
function sampleSpectrum(rng: Rng, p: number, nHat: number): number[] {
  const X = rng.normals(p * nHat); // row i = X[i*nHat .. (i+1)*nHat)
  const S = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const ri = i * nHat;
    for (let j = 0; j <= i; j++) {
      const rj = j * nHat;
      let s = 0;
      for (let l = 0; l < nHat; l++) s += X[ri + l] * X[rj + l];
      S[i * p + j] = S[j * p + i] = s / nHat;
    }
  }
  const evd = new EigenvalueDecomposition(Matrix.from1DArray(p, p, S), { assumeSymmetric: true });
  return [...evd.realEigenvalues].sort((a, b) => a - b);
}

/**
 * Kolmogorov distance sup_x |F_p(x) − F(x)| between the empirical spectral distribution of the
 * sorted eigenvalues and the MP CDF (atom included); eigenvalues below `zero` in absolute value
 * count as exact zeros. The supremum is attained at an eigenvalue x, from the left (F(x−) against
 * #{λ < x}/p) or at x (F(x) against #{λ ≤ x}/p); F is continuous except for the atom at 0.
 */
function kolmogorov(eigs: number[], etaHat: number, zero: number): number {
  const xs = eigs.map((x) => (Math.abs(x) < zero ? 0 : x));
  const p = xs.length;
  let d = 0;
  for (let lo = 0; lo < p; ) {
    let hi = lo + 1;
    while (hi < p && xs[hi] === xs[lo]) hi++;
    const F = mpCdf(xs[lo], etaHat);
    const Fminus = xs[lo] === 0 ? 0 : F;
    d = Math.max(d, Math.abs(Fminus - lo / p), Math.abs(F - hi / p));
    lo = hi;
  }
  return d;
}

// Bound on the Kolmogorov distance at p = 500. Eigenvalues are not i.i.d. draws: they are rigid
// (each sits within O(log p / p) quantile of its classical location), and the distance between the
// empirical spectral distribution and MP at the same ratio η̂ = p/n̂ is O(log^c p / p) (Götze &
// Tikhomirov 2004), i.e. a few multiples of 1/p = 0.002 here. An i.i.d. sample of 500 would instead
// fluctuate by ~1.36/√p ≈ 0.06 (the 95% Kolmogorov quantile). 0.02 = 10/p sits well above the
// eigenvalue scale and well below the i.i.d. scale, so the test would catch a wrong density, edges
// or atom mass (each of which moves F by ≥ 0.05 somewhere) without being flaky.
const KS_BOUND = 0.02;

test('empirical spectrum of XXᵀ/n̂ at p = 500, n̂ = 1000 (η̂ = 1/2) follows Marchenko–Pastur', (t) => {
  const p = 500, nHat = 1000, eta = p / nHat;
  const eigs = sampleSpectrum(new Rng(500), p, nHat);
  const d = kolmogorov(eigs, eta, 1e-8);
  t.diagnostic(`Kolmogorov distance ${d.toFixed(5)} (bound ${KS_BOUND})`);
  assert.ok(d <= KS_BOUND, `Kolmogorov distance ${d} > ${KS_BOUND}`);
  const { a, b } = mpEdges(eta);
  assert.ok(eigs[0] > a - 0.05 && eigs[p - 1] < b + 0.1, `spectrum [${eigs[0]}, ${eigs[p - 1]}] vs support [${a}, ${b}]`);
  assert.equal(mpAtom(eta), 0);
});

test('η̂ = 2 (n̂ = 250): exactly p − n̂ zero eigenvalues, the atom 1 − 1/η̂, and MP on the rest', (t) => {
  const p = 500, nHat = 250, eta = p / nHat;
  const eigs = sampleSpectrum(new Rng(250), p, nHat);
  // Rank(XXᵀ) = n̂ almost surely; the computed zeros are ~1e-14, the smallest non-zero ~ a = 0.17.
  const zeros = eigs.filter((x) => Math.abs(x) < 1e-8).length;
  assert.equal(zeros, p - nHat);
  assert.equal(mpAtom(eta), 0.5);
  assert.equal(zeros / p, mpAtom(eta));
  const d = kolmogorov(eigs, eta, 1e-8);
  t.diagnostic(`Kolmogorov distance ${d.toFixed(5)} (bound ${KS_BOUND})`);
  assert.ok(d <= KS_BOUND, `Kolmogorov distance ${d} > ${KS_BOUND}`);
  // the exported mpKolmogorov, on the same spectrum with the computed zeros made exact
  assert.equal(mpKolmogorov(eigs.map((x) => (Math.abs(x) < 1e-8 ? 0 : x)), eta), d);
});

/** F_MP⁻¹(u) for u above the atom, by bisection on [a, b]. */
function mpQuantile(u: number, etaHat: number): number {
  let { a: lo, b: hi } = mpEdges(etaHat);
  for (let k = 0; k < 200 && hi - lo > 1e-15; k++) {
    const mid = 0.5 * (lo + hi);
    if (mpCdf(mid, etaHat) < u) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

test('mpKolmogorov: p − n̂ zeros and the rest at the MP quantiles (k − ½)/p are at distance exactly 1/(2p)', () => {
  for (const [p, nHat] of [[200, 100], [300, 60], [100, 100], [400, 1000]]) {
    const eta = p / nHat;
    const zeros = Math.max(0, p - nHat);
    assert.equal(zeros / p, mpAtom(eta));
    // F_p jumps by 1/p at the quantile of (k − ½)/p: |F_p − F_MP| = 1/(2p) on both sides of every
    // jump; the zeros are one jump of (p − n̂)/p, which F_MP matches with its atom (comparing
    // F_MP(0) with F_p(0−) = 0 instead would report the atom: 1/2 at η̂ = 2, 4/5 at η̂ = 5)
    const ev = Array.from({ length: p }, (_, k) => (k < zeros ? 0 : mpQuantile((k + 0.5) / p, eta)));
    const d = mpKolmogorov(ev, eta);
    assert.ok(Math.abs(d - 1 / (2 * p)) < 1e-9, `p = ${p}, η̂ = ${eta}: ${d} vs 1/(2p) = ${1 / (2 * p)}`);
  }
});

test('density integrates to min(1, 1/η̂) and mpCdf is its integral plus the atom', () => {
  for (const eta of [0.01, 0.1, 0.5, 1, 2, 5]) {
    const { a, b } = mpEdges(eta);
    // midpoint rule in θ (x = (a+b)/2 − (b−a)/2 cos θ), 20000 points: independent of mpCdf's Simpson rule
    const K = 20000, mid = (a + b) / 2, r = (b - a) / 2;
    let total = 0;
    let partialAtMid = 0;
    for (let k = 0; k < K; k++) {
      const t = ((k + 0.5) * Math.PI) / K;
      const x = mid - r * Math.cos(t);
      const w = mpDensity(x, eta) * r * Math.sin(t) * (Math.PI / K);
      total += w;
      if (k < K / 2) partialAtMid += w;
    }
    assert.ok(Math.abs(total - Math.min(1, 1 / eta)) < 1e-6, `η̂=${eta}: total mass ${total}`);
    assert.ok(Math.abs(mpCdf(mid, eta) - (mpAtom(eta) + partialAtMid)) < 1e-6, `η̂=${eta}: CDF at the centre`);
    assert.equal(mpCdf(b + 1e-9, eta), 1);
    assert.equal(mpCdf(-1e-9, eta), 0);
    assert.equal(mpDensity(b + 0.1, eta), 0);
    if (eta > 1) assert.ok(Math.abs(mpCdf(a * 0.5, eta) - (1 - 1 / eta)) < 1e-15);
  }
});
