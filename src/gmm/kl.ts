/**
 * Estimators of the Kullback–Leibler divergence KL(P‖Q) = E_P[log p(X) − log q(X)] used for Gan &
 * Liu's KL gap (§4.4, Figure 4).
 *
 * (a) "paper" — the reference code's estimator, quirk included: a 2-D histogram of B = 50 bins per
 *     axis of the P sample and one of the Q sample, EACH ON ITS OWN RANGE ([min, max] of that
 *     sample per axis, numpy.histogramdd), as densities (count / (n · bin area)), clipped below at
 *     1e-10, then scipy.stats.entropy(p, q) over the flattened bins. scipy normalises both vectors
 *     to sum 1, so with Z_p = Σ_i max(p_i, 1e-10):
 *         KL̂ = Σ_i P_i log(P_i / Q_i),   P_i = max(p_i, 1e-10) / Z_p,  Q_i likewise.
 *     Because the density of a bin is count/(n·A) and Z ≈ 1/A, P_i ≈ count_i/n: the bin
 *     *probabilities*, the bin areas cancel except in the clip value, whose normalised size is
 *     ≈ 1e-10·A. Bin i of P and bin i of Q are different regions of the plane (each set has its
 *     own range), so the sum compares cells that only share an index; and with n = 1000 points in
 *     2500 cells most cells are empty, so every occupied P cell facing an empty Q cell adds
 *     ≈ (c/n)·log(c/(n·1e-10·A_q)) ≈ (c/n)·(16 + log c − log A_q). The estimate measures sparsity
 *     and range mismatch as much as divergence.
 * (b) "shared" — the same histogram estimator on common bins: both samples binned on the range of
 *     their union, so cell i is the same region for P and Q (same clip and normalisation). Still a
 *     plug-in estimator: biased upwards when cells are sparse (few points per cell).
 * (c) "mc" — Monte Carlo from the mixture densities: KL̂ = (1/n) Σ_j [log p(X_j) − log q(X_j)],
 *     X_j ~ P i.i.d.; unbiased, with standard error s/√n from the sample standard deviation s of
 *     the log-ratio.
 * Plus the closed form for two Gaussians, used by the tests.
 */
import type { Rng } from '../random/rng';
import { mixtureLogDensity, prepareMixture, sampleGmm, type GaussianMixture, type PreparedMixture } from './mixture';

export interface HistogramKlOptions {
  /** Bins per axis (paper: 50). */
  bins?: number;
  /** Lower clip of the bin densities (paper: 1e-10). */
  clip?: number;
}

/** A 2-D histogram of a point set: counts on a bins×bins grid over [x0, x0+bins·hx) × [y0, …). */
export interface Histogram2 {
  bins: number;
  counts: Int32Array;
  /** Number of points counted (all of them for an own-range or union-range histogram). */
  n: number;
  /** Largest cell count. */
  maxCount: number;
  x0: number;
  y0: number;
  hx: number;
  hy: number;
}

function checkBinsClip(o: HistogramKlOptions): { bins: number; clip: number } {
  const bins = o.bins ?? 50;
  const clip = o.clip ?? 1e-10;
  if (!Number.isInteger(bins) || bins < 1 || bins > 4096) throw new RangeError(`histogram bins must be an integer in [1, 4096], got ${bins}`);
  if (!(clip > 0) || !Number.isFinite(clip)) throw new RangeError(`histogram clip must be finite and > 0, got ${clip}`);
  return { bins, clip };
}

function check2d(x: Float64Array, what: string): number {
  if (x.length % 2 !== 0) throw new RangeError(`${what} must hold 2-D points (even length), got length ${x.length}`);
  if (x.length === 0) throw new RangeError(`${what} is empty`);
  return x.length / 2;
}

/** numpy's range rule: [min, max], widened to [min − ½, max + ½] when min = max. */
function axisRange(lo: number, hi: number): [number, number] {
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** Per-axis [min, max] of one or two 2-D point sets. */
export function range2(a: Float64Array, b?: Float64Array): [number, number, number, number] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of b ? [a, b] : [a]) {
    for (let i = 0; i < s.length; i += 2) {
      const u = s[i], v = s[i + 1];
      if (u < x0) x0 = u;
      if (u > x1) x1 = u;
      if (v < y0) y0 = v;
      if (v > y1) y1 = v;
    }
  }
  if (!Number.isFinite(x0 + x1 + y0 + y1)) throw new RangeError('histogram points must be finite');
  return [x0, x1, y0, y1];
}

/**
 * Bins the 2-D points of x on a bins×bins grid over [xlo, xhi] × [ylo, yhi] (the right edges
 * closed, as numpy). `into.counts` is reused if given. Points outside are not counted.
 */
export function histogram2(
  x: Float64Array,
  bins: number,
  xlo: number,
  xhi: number,
  ylo: number,
  yhi: number,
  into?: Histogram2,
): Histogram2 {
  [xlo, xhi] = axisRange(xlo, xhi);
  [ylo, yhi] = axisRange(ylo, yhi);
  const counts = into && into.counts.length === bins * bins ? into.counts : new Int32Array(bins * bins);
  counts.fill(0);
  const sx = bins / (xhi - xlo), sy = bins / (yhi - ylo);
  let n = 0, maxCount = 0;
  for (let i = 0; i < x.length; i += 2) {
    const u = x[i], v = x[i + 1];
    if (!(u >= xlo && u <= xhi && v >= ylo && v <= yhi)) continue;
    let ix = Math.floor((u - xlo) * sx);
    let iy = Math.floor((v - ylo) * sy);
    if (ix >= bins) ix = bins - 1;
    if (iy >= bins) iy = bins - 1;
    const c = ++counts[ix * bins + iy];
    if (c > maxCount) maxCount = c;
    n++;
  }
  const h = into ?? ({} as Histogram2);
  h.bins = bins;
  h.counts = counts;
  h.n = n;
  h.maxCount = maxCount;
  h.x0 = xlo;
  h.y0 = ylo;
  h.hx = (xhi - xlo) / bins;
  h.hy = (yhi - ylo) / bins;
  return h;
}

/** log(c) for c = 0 … len−1 (log 0 unused), grown on demand. */
let logTable = new Float64Array(0);
function logOfCounts(maxCount: number): Float64Array {
  if (logTable.length <= maxCount) {
    const t = new Float64Array(Math.max(maxCount + 1, 2 * logTable.length, 1024));
    t[0] = -Infinity;
    for (let c = 1; c < t.length; c++) t[c] = Math.log(c);
    logTable = t;
  }
  return logTable;
}

/** Per-count tables: density max(c·s, clip) and its log, for c = 0 … maxCount. */
const tables = { p: new Float64Array(0), lp: new Float64Array(0), q: new Float64Array(0), lq: new Float64Array(0) };
function fillTable(dens: Float64Array, logs: Float64Array, maxCount: number, s: number, clip: number, lt: Float64Array): void {
  const ls = Math.log(s), lclip = Math.log(clip);
  for (let c = 0; c <= maxCount; c++) {
    if (c > 0 && c * s > clip) {
      dens[c] = c * s;
      logs[c] = lt[c] + ls;
    } else {
      dens[c] = clip;
      logs[c] = lclip;
    }
  }
}

/**
 * scipy.stats.entropy(max(p, clip), max(q, clip)) over the cells of two histograms with the same
 * number of cells, p_i = count_i / (n_p · A_p) the density of cell i (same for q). One branch-free
 * pass over the cells with per-count tables of the clipped densities and their logs:
 *   Σ P_i log(P_i/Q_i) = (1/Z_p) Σ_i p̃_i (log p̃_i − log q̃_i) + log Z_q − log Z_p,  Z = Σ_i p̃_i.
 */
export function histogramPairKl(hp: Histogram2, hq: Histogram2, clip = 1e-10): number {
  if (hp.counts.length !== hq.counts.length) throw new RangeError('histograms must have the same number of cells');
  if (hp.n === 0 || hq.n === 0) throw new RangeError('histogram KL needs at least one counted point on each side');
  const cp = hp.counts, cq = hq.counts;
  const maxP = hp.maxCount, maxQ = hq.maxCount;
  const m = Math.max(maxP, maxQ);
  if (tables.p.length <= m) {
    const len = Math.max(m + 1, 2 * tables.p.length, 256);
    tables.p = new Float64Array(len);
    tables.lp = new Float64Array(len);
    tables.q = new Float64Array(len);
    tables.lq = new Float64Array(len);
  }
  const lt = logOfCounts(m);
  const P = tables.p, LP = tables.lp, Q = tables.q, LQ = tables.lq;
  fillTable(P, LP, maxP, 1 / (hp.n * hp.hx * hp.hy), clip, lt);
  fillTable(Q, LQ, maxQ, 1 / (hq.n * hq.hx * hq.hy), clip, lt);
  let zp = 0, zq = 0, acc = 0;
  for (let i = 0; i < cp.length; i++) {
    const a = cp[i], b = cq[i];
    const p = P[a];
    zp += p;
    zq += Q[b];
    acc += p * (LP[a] - LQ[b]);
  }
  return acc / zp + Math.log(zq) - Math.log(zp);
}

/** The paper's histogram estimator of KL(P‖Q) from samples (2-D): each set on its own range. */
export function klPaperHistogram(pSamples: Float64Array, qSamples: Float64Array, options: HistogramKlOptions = {}): number {
  const { bins, clip } = checkBinsClip(options);
  check2d(pSamples, 'P samples');
  check2d(qSamples, 'Q samples');
  const [a0, a1, b0, b1] = range2(pSamples);
  const [c0, c1, d0, d1] = range2(qSamples);
  const hp = histogram2(pSamples, bins, a0, a1, b0, b1);
  const hq = histogram2(qSamples, bins, c0, c1, d0, d1);
  return histogramPairKl(hp, hq, clip);
}

/** Histogram estimator of KL(P‖Q) on shared bins (the range of both samples together; 2-D). */
export function klSharedHistogram(pSamples: Float64Array, qSamples: Float64Array, options: HistogramKlOptions = {}): number {
  const { bins, clip } = checkBinsClip(options);
  check2d(pSamples, 'P samples');
  check2d(qSamples, 'Q samples');
  const [a0, a1, b0, b1] = range2(pSamples, qSamples);
  const hp = histogram2(pSamples, bins, a0, a1, b0, b1);
  const hq = histogram2(qSamples, bins, a0, a1, b0, b1);
  return histogramPairKl(hp, hq, clip);
}

export interface MonteCarloKl {
  /** Estimate of KL(P‖Q). */
  kl: number;
  /** Its Monte Carlo standard error s/√n. */
  se: number;
  n: number;
}

/**
 * Monte Carlo KL(P‖Q) from n draws of P: mean of log p − log q, with its standard error. Scratch
 * arrays may be passed (n·d, n, n) to avoid allocation in loops.
 */
export function klMonteCarlo(
  p: GaussianMixture | PreparedMixture,
  q: GaussianMixture | PreparedMixture,
  n: number,
  rng: Rng,
  scratch?: { points: Float64Array; lp: Float64Array; lq: Float64Array },
): MonteCarloKl {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`Monte Carlo KL needs an integer number of samples ≥ 2, got ${n}`);
  const pp = 'cholInv' in p ? p : prepareMixture(p);
  const pq = 'cholInv' in q ? q : prepareMixture(q);
  if (pp.d !== pq.d) throw new RangeError(`P and Q must have the same dimension, got ${pp.d} and ${pq.d}`);
  const d = pp.d;
  const pts = scratch && scratch.points.length >= n * d ? scratch.points : new Float64Array(n * d);
  const lp = scratch && scratch.lp.length >= n ? scratch.lp : new Float64Array(n);
  const lq = scratch && scratch.lq.length >= n ? scratch.lq : new Float64Array(n);
  const xs = pts.length === n * d ? pts : pts.subarray(0, n * d);
  sampleGmm(pp, n, rng, xs);
  mixtureLogDensity(pp, xs, lp);
  mixtureLogDensity(pq, xs, lq);
  let mean = 0, m2 = 0;
  for (let i = 0; i < n; i++) {
    const r = lp[i] - lq[i];
    const delta = r - mean;
    mean += delta / (i + 1);
    m2 += delta * (r - mean);
  }
  const variance = m2 / (n - 1);
  return { kl: mean, se: Math.sqrt(variance / n), n };
}

/**
 * Closed form KL(N(μ₀, Σ₀) ‖ N(μ₁, Σ₁)) = ½[tr(Σ₁⁻¹Σ₀) + (μ₁−μ₀)ᵀΣ₁⁻¹(μ₁−μ₀) − d + log(det Σ₁ / det Σ₀)].
 * Covariances d·d row-major.
 */
export function klGaussians(mu0: ArrayLike<number>, cov0: ArrayLike<number>, mu1: ArrayLike<number>, cov1: ArrayLike<number>): number {
  const d = mu0.length;
  if (mu1.length !== d || cov0.length !== d * d || cov1.length !== d * d) {
    throw new RangeError(`klGaussians: dimensions disagree (means ${mu0.length}, ${mu1.length}; covariances ${cov0.length}, ${cov1.length})`);
  }
  const p0 = prepareMixture({ d, k: 1, weights: Float64Array.of(1), means: Float64Array.from(mu0), covariances: Float64Array.from(cov0) });
  const p1 = prepareMixture({ d, k: 1, weights: Float64Array.of(1), means: Float64Array.from(mu1), covariances: Float64Array.from(cov1) });
  // tr(Σ₁⁻¹Σ₀) = ‖L₁⁻¹L₀‖_F², Mahalanobis term ‖L₁⁻¹(μ₁−μ₀)‖²
  let tr = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let m = 0; m < d; m++) s += p1.cholInv[i * d + m] * p0.chol[m * d + j];
      tr += s * s;
    }
  }
  let maha = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let m = 0; m <= i; m++) s += p1.cholInv[i * d + m] * (mu1[m] - mu0[m]);
    maha += s * s;
  }
  let logDet = 0;
  for (let i = 0; i < d; i++) logDet += 2 * (Math.log(p1.chol[i * d + i]) - Math.log(p0.chol[i * d + i]));
  return 0.5 * (tr + maha - d + logDet);
}

export interface KlEstimatorComparison {
  /** Mean and standard deviation over rounds of the paper's histogram estimate. */
  paper: { mean: number; std: number };
  /** Same for the shared-bin histogram estimate. */
  shared: { mean: number; std: number };
  /** Monte Carlo estimate from rounds·n draws of P, with its standard error. */
  mc: MonteCarloKl;
}

/**
 * The three estimators of KL(P‖Q) side by side on the same kind of samples the KL gap uses:
 * `rounds` rounds of n points of P and n of Q for the histogram estimators (mean and std over the
 * rounds), and rounds·n draws of P for the Monte Carlo estimate. 2-D mixtures.
 */
export function compareKlEstimators(
  p: GaussianMixture,
  q: GaussianMixture,
  options: { n?: number; rounds?: number; bins?: number; clip?: number },
  rng: Rng,
): KlEstimatorComparison {
  const n = options.n ?? 1000, rounds = options.rounds ?? 20;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer ≥ 2, got ${n}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be an integer ≥ 1, got ${rounds}`);
  if (p.d !== 2 || q.d !== 2) throw new RangeError(`compareKlEstimators is 2-D (histograms), got d = ${p.d} and ${q.d}`);
  const hist = { bins: options.bins ?? 50, clip: options.clip ?? 1e-10 };
  const pp = prepareMixture(p), pq = prepareMixture(q);
  const xp = new Float64Array(2 * n), xq = new Float64Array(2 * n);
  const a: number[] = [], b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    sampleGmm(pp, n, rng, xp);
    sampleGmm(pq, n, rng, xq);
    a.push(klPaperHistogram(xp, xq, hist));
    b.push(klSharedHistogram(xp, xq, hist));
  }
  const stats = (v: number[]): { mean: number; std: number } => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return { mean: m, std: Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length) };
  };
  return { paper: stats(a), shared: stats(b), mc: klMonteCarlo(pp, pq, rounds * n, rng) };
}
