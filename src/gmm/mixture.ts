/**
 * Gaussian mixtures in d dimensions (Gan & Liu, §4.4 and Appendix B: the ground-truth GMM, the
 * generator M and the fitted GMMs):
 *
 *   p(x) = Σ_c w_c N(x; μ_c, Σ_c),   log N(x; μ, Σ) = −½ d log 2π − ½ log det Σ − ½ (x−μ)ᵀ Σ⁻¹ (x−μ).
 *
 * Storage: a point set of n points in d dimensions is a Float64Array of length n·d with point i at
 * [i·d, (i+1)·d) (the project's "columns are samples" convention). Means: k·d; covariances: k·d·d,
 * row-major, symmetric. A `PreparedMixture` holds each component's Cholesky factor Σ = LLᵀ, its
 * inverse and log(w_c) − ½ d log 2π − Σ_i log L_ii, so the log-density is log-sum-exp over c of
 * logCoef_c − ½‖L_c⁻¹(x − μ_c)‖². d = 2 has inline closed forms; the general loops are the reference.
 */
import type { Rng } from '../random/rng';
import { zigguratFill } from '../random/ziggurat';

export interface GaussianMixture {
  readonly d: number;
  readonly k: number;
  /** Mixing weights w_c ≥ 0, Σ w_c = 1. */
  readonly weights: Float64Array;
  /** Means μ_c: k·d. */
  readonly means: Float64Array;
  /** Covariances Σ_c: k·d·d, row-major, symmetric positive definite. */
  readonly covariances: Float64Array;
}

export interface PreparedMixture {
  readonly mixture: GaussianMixture;
  readonly d: number;
  readonly k: number;
  /** Lower Cholesky factors L_c (k·d·d, row-major). */
  readonly chol: Float64Array;
  /** Their inverses L_c⁻¹ (lower, k·d·d). */
  readonly cholInv: Float64Array;
  /** log w_c − ½ d log 2π − Σ_i log (L_c)_ii. */
  readonly logCoef: Float64Array;
  /** Cumulative weights (for sampling). */
  readonly cumWeights: Float64Array;
  /**
   * Guide table for the component draw (Chen & Asau 1974): cell t of the top GUIDE_BITS bits of
   * the 32-bit word holds the component if every word of the cell maps to the same one, else
   * −1 − (the first candidate), where a short scan of cumWeights finishes. Exact: the same word
   * gives the same component as the plain scan.
   */
  readonly guide: Int32Array;
}

const GUIDE_BITS = 12;
const U32_SCALE = 2.3283064365386963e-10; // 2^-32

/** The component of the word u: the first c with u·2^-32 < cumWeights[c] (k − 1 at most). */
function scanComponent(cw: Float64Array, k: number, u: number, from: number): number {
  const x = u * U32_SCALE;
  let c = from;
  while (c < k - 1 && x >= cw[c]) c++;
  return c;
}

function buildGuide(cw: Float64Array, k: number): Int32Array {
  const cells = 1 << GUIDE_BITS;
  const width = 2 ** (32 - GUIDE_BITS);
  const g = new Int32Array(cells);
  for (let t = 0; t < cells; t++) {
    const a = scanComponent(cw, k, t * width, 0);
    const b = scanComponent(cw, k, (t + 1) * width - 1, a);
    g[t] = a === b ? a : -1 - a;
  }
  return g;
}

export const LOG_2PI = Math.log(2 * Math.PI);
/**
 * Log-sum-exp terms more than this far below the largest are skipped (their share < e^−40 ≈ 4·10⁻¹⁸,
 * below double rounding of the sum), which saves most exp calls for well-separated components.
 */
export const SKIP_BELOW = 40;

/**
 * Cholesky factor of the d×d symmetric matrix at a[aOff…] into out[oOff…] (lower, row-major).
 * Returns false (out unspecified) if a pivot is not > 0 and finite: the matrix is not numerically
 * positive definite.
 */
export function choleskyInto(d: number, a: ArrayLike<number>, aOff: number, out: Float64Array, oOff: number): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[aOff + i * d + j];
      for (let m = 0; m < j; m++) s -= out[oOff + i * d + m] * out[oOff + j * d + m];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return false;
        out[oOff + i * d + i] = Math.sqrt(s);
      } else {
        out[oOff + i * d + j] = s / out[oOff + j * d + j];
      }
    }
    for (let j = i + 1; j < d; j++) out[oOff + i * d + j] = 0;
  }
  return true;
}

/** Inverse of the lower-triangular d×d matrix l[lOff…] into out[oOff…] (lower). */
export function lowerInverseInto(d: number, l: Float64Array, lOff: number, out: Float64Array, oOff: number): void {
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < d; i++) out[oOff + i * d + j] = 0;
    out[oOff + j * d + j] = 1 / l[lOff + j * d + j];
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let m = j; m < i; m++) s += l[lOff + i * d + m] * out[oOff + m * d + j];
      out[oOff + i * d + j] = -s / l[lOff + i * d + i];
    }
  }
}

/**
 * A validated mixture. Weights must be ≥ 0 and sum to 1 (within 1e-9; they are renormalised
 * exactly); covariances symmetric (relative 1e-10) and positive definite. RangeError otherwise.
 */
export function createMixture(
  d: number,
  weights: ArrayLike<number>,
  means: ArrayLike<number>,
  covariances: ArrayLike<number>,
): GaussianMixture {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`mixture dimension d must be an integer ≥ 1, got ${d}`);
  const k = weights.length;
  if (k < 1) throw new RangeError('a mixture needs at least one component (weights is empty)');
  if (means.length !== k * d) throw new RangeError(`means must have k·d = ${k * d} entries, got ${means.length}`);
  if (covariances.length !== k * d * d) {
    throw new RangeError(`covariances must have k·d·d = ${k * d * d} entries, got ${covariances.length}`);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const w = weights[c];
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${c} must be finite and ≥ 0, got ${w}`);
    sum += w;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`weights must sum to 1, got ${sum}`);
  for (let i = 0; i < means.length; i++) {
    if (!Number.isFinite(means[i])) throw new RangeError(`mean entry ${i} must be finite, got ${means[i]}`);
  }
  const w = Float64Array.from(weights, (x) => x / sum);
  const mix: GaussianMixture = { d, k, weights: w, means: Float64Array.from(means), covariances: Float64Array.from(covariances) };
  checkCovariances(mix);
  return mix;
}

function checkCovariances(mix: GaussianMixture): void {
  const { d, k, covariances: cv } = mix;
  const tmp = new Float64Array(d * d);
  for (let c = 0; c < k; c++) {
    const o = c * d * d;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        const a = cv[o + i * d + j], b = cv[o + j * d + i];
        const scale = Math.max(Math.abs(cv[o + i * d + i]), Math.abs(cv[o + j * d + j]), Number.MIN_VALUE);
        if (!(Math.abs(a - b) <= 1e-10 * scale)) {
          throw new RangeError(`covariance of component ${c} is not symmetric: entries (${i},${j}) = ${a} and (${j},${i}) = ${b}`);
        }
      }
    }
    if (!choleskyInto(d, cv, o, tmp, 0)) {
      throw new RangeError(`covariance of component ${c} is not positive definite: [${Array.from(cv.subarray(o, o + d * d)).join(', ')}]`);
    }
  }
}

/** Cholesky factors, their inverses and log-coefficients of a (validated) mixture. */
export function prepareMixture(mix: GaussianMixture): PreparedMixture {
  const { d, k } = mix;
  const dd = d * d;
  const chol = new Float64Array(k * dd);
  const cholInv = new Float64Array(k * dd);
  const logCoef = new Float64Array(k);
  const cumWeights = new Float64Array(k);
  let cum = 0;
  for (let c = 0; c < k; c++) {
    if (!choleskyInto(d, mix.covariances, c * dd, chol, c * dd)) {
      throw new RangeError(`covariance of component ${c} is not positive definite`);
    }
    lowerInverseInto(d, chol, c * dd, cholInv, c * dd);
    let halfLogDet = 0;
    for (let i = 0; i < d; i++) halfLogDet += Math.log(chol[c * dd + i * d + i]);
    logCoef[c] = Math.log(mix.weights[c]) - 0.5 * d * LOG_2PI - halfLogDet;
    cum += mix.weights[c];
    cumWeights[c] = cum;
  }
  cumWeights[k - 1] = 1;
  return { mixture: mix, d, k, chol, cholInv, logCoef, cumWeights, guide: buildGuide(cumWeights, k) };
}

function asPrepared(m: GaussianMixture | PreparedMixture): PreparedMixture {
  return 'cholInv' in m ? m : prepareMixture(m);
}

function checkPoints(d: number, x: Float64Array, what = 'points'): number {
  if (x.length % d !== 0) throw new RangeError(`${what} length ${x.length} is not a multiple of d = ${d}`);
  return x.length / d;
}

/**
 * log p(x_i) for each of the n points of `x` (n·d), by log-sum-exp over components. `out` (length
 * n) is reused if given. Points far out give a finite very negative value, never NaN; a non-finite
 * coordinate gives NaN for that point only if the coordinate is NaN.
 */
export function mixtureLogDensity(m: GaussianMixture | PreparedMixture, x: Float64Array, out?: Float64Array): Float64Array {
  const p = asPrepared(m);
  const n = checkPoints(p.d, x);
  const res = out ?? new Float64Array(n);
  if (res.length < n) throw new RangeError(`out has length ${res.length}, need ${n}`);
  if (p.d === 2) logDensity2(p, x, n, res);
  else logDensityGeneral(p, x, n, res);
  return res;
}

/** p(x_i) = exp(log p(x_i)). */
export function mixtureDensity(m: GaussianMixture | PreparedMixture, x: Float64Array, out?: Float64Array): Float64Array {
  const res = mixtureLogDensity(m, x, out);
  for (let i = 0; i < res.length; i++) res[i] = Math.exp(res[i]);
  return res;
}

const scratch = { buf: new Float64Array(64) };
function scratchOf(k: number): Float64Array {
  if (scratch.buf.length < k) scratch.buf = new Float64Array(k);
  return scratch.buf;
}

/**
 * d = 2: the k log terms log w_c − ½‖L_c⁻¹(x − μ_c)‖² (constant −log 2π and log|L_c| folded into
 * `logCoef`) of the point (x0, x1) into `out`, with L_c⁻¹ = [[a, 0], [b, c]] stored row-major in
 * `inv[4c..4c+3]`; returns their maximum. Shared by the log-density and EM's E-step.
 */
export function componentLogTerms2(
  x0: number, x1: number, k: number,
  means: Float64Array, inv: Float64Array, logCoef: Float64Array, out: Float64Array,
): number {
  let mx = -Infinity;
  for (let c = 0; c < k; c++) {
    const dx = x0 - means[2 * c], dy = x1 - means[2 * c + 1];
    const y0 = inv[4 * c] * dx;
    const y1 = inv[4 * c + 2] * dx + inv[4 * c + 3] * dy;
    const t = logCoef[c] - 0.5 * (y0 * y0 + y1 * y1);
    out[c] = t;
    if (t > mx) mx = t;
  }
  return mx;
}

/** d = 2 closed form: y = L⁻¹(x − μ) with L⁻¹ = [[a, 0], [b, c]]. */
function logDensity2(p: PreparedMixture, x: Float64Array, n: number, out: Float64Array): void {
  const k = p.k, means = p.mixture.means;
  const inv = p.cholInv, lc = p.logCoef;
  const v = scratchOf(k);
  for (let i = 0; i < n; i++) {
    const mx = componentLogTerms2(x[2 * i], x[2 * i + 1], k, means, inv, lc, v);
    if (mx === -Infinity) {
      out[i] = -Infinity;
      continue;
    }
    // terms below e^−40 · max change the sum by < 4·10⁻¹⁸ relative: not worth an exp
    const cut = mx - SKIP_BELOW;
    let s = 0;
    for (let c = 0; c < k; c++) {
      const t = v[c];
      if (t > cut) s += Math.exp(t - mx);
    }
    out[i] = mx + Math.log(s);
  }
}

/**
 * Any d: the k log terms log w_c − ½‖L_c⁻¹(x_i − μ_c)‖² of point i of `x` (n·d) into `out`, with
 * the lower-triangular L_c⁻¹ row-major in `inv[c·d²…]` and `diff` (length d) as scratch; returns
 * their maximum. Shared by the log-density and EM's reference E-step (the d = 2 form above).
 */
export function componentLogTerms(
  x: Float64Array, i: number, d: number, k: number,
  means: Float64Array, inv: Float64Array, logCoef: Float64Array, diff: Float64Array, out: Float64Array,
): number {
  const dd = d * d;
  let mx = -Infinity;
  for (let c = 0; c < k; c++) {
    for (let a = 0; a < d; a++) diff[a] = x[i * d + a] - means[c * d + a];
    let q = 0;
    for (let a = 0; a < d; a++) {
      let y = 0;
      for (let b = 0; b <= a; b++) y += inv[c * dd + a * d + b] * diff[b];
      q += y * y;
    }
    const t = logCoef[c] - 0.5 * q;
    out[c] = t;
    if (t > mx) mx = t;
  }
  return mx;
}

function logDensityGeneral(p: PreparedMixture, x: Float64Array, n: number, out: Float64Array): void {
  const { d, k } = p;
  const v = new Float64Array(k);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const mx = componentLogTerms(x, i, d, k, p.mixture.means, p.cholInv, p.logCoef, diff, v);
    if (mx === -Infinity) {
      out[i] = -Infinity;
      continue;
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(v[c] - mx);
    out[i] = mx + Math.log(s);
  }
}

/**
 * n i.i.d. draws of the mixture into `out` (n·d; reused if given): the n components first (c with
 * probability w_c, one 32-bit word each), then the n·d standard normals z (ziggurat, in bulk, into
 * `out`), then x = μ_c + L_c z in place. `labels`, if given (length ≥ n), receives the components.
 */
export function sampleGmm(
  m: GaussianMixture | PreparedMixture,
  n: number,
  rng: Rng,
  out?: Float64Array,
  labels?: Int32Array,
): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of samples must be an integer ≥ 0, got ${n}`);
  const p = asPrepared(m);
  const { d, k } = p;
  const res = out ?? new Float64Array(n * d);
  if (res.length < n * d) throw new RangeError(`out has length ${res.length}, need ${n * d}`);
  if (labels && labels.length < n) throw new RangeError(`labels has length ${labels.length}, need ${n}`);
  const comp = labels ?? labelScratch(n);
  const cw = p.cumWeights, guide = p.guide, L = p.chol, means = p.mixture.means;
  const shift = 32 - GUIDE_BITS;
  for (let i = 0; i < n; i++) {
    const u = rng.nextU32();
    const g = guide[u >>> shift];
    comp[i] = g >= 0 ? g : scanComponent(cw, k, u, -1 - g);
  }
  zigguratFill(rng, res, 0, n * d);
  if (d === 2) {
    for (let i = 0; i < n; i++) {
      const c = comp[i];
      const z0 = res[2 * i], z1 = res[2 * i + 1];
      res[2 * i] = means[2 * c] + L[4 * c] * z0;
      res[2 * i + 1] = means[2 * c + 1] + L[4 * c + 2] * z0 + L[4 * c + 3] * z1;
    }
    return res;
  }
  const dd = d * d;
  for (let i = 0; i < n; i++) {
    const c = comp[i];
    for (let a = d - 1; a >= 0; a--) {
      let s = means[c * d + a];
      for (let b = 0; b <= a; b++) s += L[c * dd + a * d + b] * res[i * d + b];
      res[i * d + a] = s;
    }
  }
  return res;
}

let labelBuf = new Int32Array(1024);
function labelScratch(n: number): Int32Array {
  if (labelBuf.length < n) labelBuf = new Int32Array(Math.max(n, 2 * labelBuf.length));
  return labelBuf;
}

/** Overall mean Σ w_c μ_c and covariance Σ w_c (Σ_c + μ_c μ_cᵀ) − μμᵀ of a mixture (d, d·d). */
export function mixtureMoments(mix: GaussianMixture): { mean: Float64Array; covariance: Float64Array } {
  const { d, k, weights: w, means: mu, covariances: cv } = mix;
  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  for (let c = 0; c < k; c++) for (let a = 0; a < d; a++) mean[a] += w[c] * mu[c * d + a];
  for (let c = 0; c < k; c++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        cov[a * d + b] += w[c] * (cv[c * d * d + a * d + b] + (mu[c * d + a] - mean[a]) * (mu[c * d + b] - mean[b]));
      }
    }
  }
  return { mean, covariance: cov };
}

/** Validates a point set (finite coordinates, length a multiple of d) and returns its size n. */
export function checkPointSet(d: number, x: Float64Array, what = 'data'): number {
  const n = checkPoints(d, x, what);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${what} coordinate ${i} (point ${Math.floor(i / d)}) must be finite, got ${x[i]}`);
  }
  return n;
}
