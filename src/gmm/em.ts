/**
 * Maximum-likelihood fit of a k-component, full-covariance Gaussian mixture by EM (Dempster, Laird
 * & Rubin 1977), with scikit-learn's `GaussianMixture` defaults as the paper's reference code uses
 * them (Gan & Liu, Appendix B): k-means initialisation (k-means++ seeding, then Lloyd), covariance
 * regularisation reg·I added to every covariance (reg = 1e-6), stop when the change of the mean
 * log-likelihood per sample ("lower bound") between two iterations is < tol = 1e-3, at most 100
 * iterations.
 *
 * One iteration (scikit-learn's order): E-step with the current parameters θ_t — responsibilities
 * r_ic ∝ w_c N(x_i; μ_c, Σ_c) and the lower bound ℓ_t = (1/n) Σ_i log p(x_i; θ_t) — then M-step
 *   N_c = Σ_i r_ic + 10ε,  w_c = N_c / Σ N_c,  μ_c = Σ_i r_ic x_i / N_c,
 *   Σ_c = Σ_i r_ic (x_i − μ_c)(x_i − μ_c)ᵀ / N_c + reg·I.
 *
 * Failures and recovery (scikit-learn would raise or keep a dead component): a component is *empty*
 * when its responsibility mass N_c − 10ε < 1e-8 points, and *singular* when Σ_c + reg·I is not
 * numerically positive definite (its Cholesky factorisation fails). Such a component is re-seeded:
 * its mean moves to the worst-fitted point (lowest log p(x_i; θ_t); the next-worst for a second
 * failure in the same step), its covariance becomes the weight-averaged covariance of the healthy
 * components, and it gets the mass of one point before the weights are renormalised. Each re-seed is
 * counted (`reseeds`); the likelihood may drop at a re-seed, so the monotonicity of EM holds between
 * re-seeds. After `maxReseeds` re-seeds the fit throws an Error saying which component failed and
 * why — it never returns NaN.
 *
 * The d = 2 E-step is specialised (inline 2×2 forms, sufficient statistics accumulated in the same
 * pass, no allocation per iteration, responsibilities below e^−40 of the largest dropped without an
 * exp); `impl: 'general'` runs the plain d-dimensional reference, which stores the responsibilities
 * and computes centred covariances in a second pass. The tests check that both give the same fit.
 */
import type { Rng } from '../random/rng';
import { kmeans } from './kmeans';
import { choleskyInto, componentLogTerms, componentLogTerms2, LOG_2PI, lowerInverseInto, SKIP_BELOW, type GaussianMixture, checkPointSet } from './mixture';

export interface EmOptions {
  /** Added to each covariance's diagonal (scikit-learn reg_covar). Default 1e-6. */
  reg?: number;
  /** Convergence threshold on the change of the mean log-likelihood per sample. Default 1e-3. */
  tol?: number;
  /** Iteration cap. Default 100. */
  maxIter?: number;
  /** Lloyd iteration cap of the k-means initialisation. Default 300. */
  kmeansMaxIter?: number;
  /** Re-seeds of empty/singular components allowed before giving up. Default 10. */
  maxReseeds?: number;
  /** 'auto' (specialised d = 2 path when d = 2) or 'general' (the plain reference). */
  impl?: 'auto' | 'general';
}

export interface GmmFit {
  mixture: GaussianMixture;
  /** Mean log-likelihood per sample at the last E-step (scikit-learn's lower_bound_). */
  lowerBound: number;
  /** EM iterations run. */
  iterations: number;
  /** Whether |Δ lower bound| < tol was reached within maxIter. */
  converged: boolean;
  /** Lower bound after each iteration's E-step. */
  history: number[];
  /** Number of empty/singular components re-seeded. */
  reseeds: number;
}

const TEN_EPS = 10 * Number.EPSILON;
const EMPTY_MASS = 1e-8;

function validateOptions(o: EmOptions): Required<EmOptions> {
  const r: Required<EmOptions> = {
    reg: o.reg ?? 1e-6,
    tol: o.tol ?? 1e-3,
    maxIter: o.maxIter ?? 100,
    kmeansMaxIter: o.kmeansMaxIter ?? 300,
    maxReseeds: o.maxReseeds ?? 10,
    impl: o.impl ?? 'auto',
  };
  if (!(r.reg >= 0) || !Number.isFinite(r.reg)) throw new RangeError(`EM reg must be finite and ≥ 0, got ${r.reg}`);
  if (!(r.tol >= 0)) throw new RangeError(`EM tol must be ≥ 0, got ${r.tol}`);
  if (!Number.isInteger(r.maxIter) || r.maxIter < 1) throw new RangeError(`EM maxIter must be an integer ≥ 1, got ${r.maxIter}`);
  if (!Number.isInteger(r.maxReseeds) || r.maxReseeds < 0) {
    throw new RangeError(`EM maxReseeds must be an integer ≥ 0, got ${r.maxReseeds}`);
  }
  if (r.impl !== 'auto' && r.impl !== 'general') throw new RangeError(`EM impl must be 'auto' or 'general', got ${String(r.impl)}`);
  return r;
}

/** Parameters and their E-step forms, updated in place every iteration. */
class State {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covs: Float64Array;
  readonly chol: Float64Array;
  readonly inv: Float64Array;
  readonly logCoef: Float64Array;
  /** log p(x_i; θ_t) of the last E-step (to find the worst-fitted points). */
  readonly lse: Float64Array;
  reseeds = 0;
  constructor(readonly n: number, readonly d: number, readonly k: number, readonly opt: Required<EmOptions>) {
    this.weights = new Float64Array(k);
    this.means = new Float64Array(k * d);
    this.covs = new Float64Array(k * d * d);
    this.chol = new Float64Array(k * d * d);
    this.inv = new Float64Array(k * d * d);
    this.logCoef = new Float64Array(k);
    this.lse = new Float64Array(n).fill(-Infinity);
  }

  /**
   * Completes an M-step: `mass` holds Σ_i r_ic, `means` and `covs` (without reg) the weighted
   * estimates of the healthy components. Adds reg, factorises, re-seeds failures, sets weights.
   */
  finish(mass: Float64Array, x: Float64Array): void {
    const { d, k, opt } = this;
    const dd = d * d;
    const failed: number[] = [];
    const why: string[] = [];
    for (let c = 0; c < k; c++) {
      if (mass[c] < EMPTY_MASS) {
        failed.push(c);
        why.push(`empty (responsibility mass ${mass[c]})`);
        continue;
      }
      for (let a = 0; a < d; a++) this.covs[c * dd + a * d + a] += opt.reg;
      if (!choleskyInto(d, this.covs, c * dd, this.chol, c * dd)) {
        failed.push(c);
        why.push(`singular covariance [${Array.from(this.covs.subarray(c * dd, c * dd + dd)).join(', ')}]`);
      }
    }
    if (failed.length > 0) this.reseed(failed, why, mass, x);
    let total = 0;
    for (let c = 0; c < k; c++) total += mass[c] + TEN_EPS;
    for (let c = 0; c < k; c++) {
      const w = (mass[c] + TEN_EPS) / total;
      this.weights[c] = w;
      lowerInverseInto(d, this.chol, c * dd, this.inv, c * dd);
      let halfLogDet = 0;
      for (let a = 0; a < d; a++) halfLogDet += Math.log(this.chol[c * dd + a * d + a]);
      this.logCoef[c] = Math.log(w) - 0.5 * d * LOG_2PI - halfLogDet;
    }
  }

  private reseed(failed: number[], why: string[], mass: Float64Array, x: Float64Array): void {
    const { n, d, k, opt } = this;
    const dd = d * d;
    if (this.reseeds + failed.length > opt.maxReseeds) {
      throw new Error(
        `EM failed: component ${failed[0]} is ${why[0]} and the re-seed budget (maxReseeds = ${opt.maxReseeds}) is spent; ` +
          `try more data, fewer components (k = ${k}) or a larger reg (${opt.reg})`,
      );
    }
    // covariance for re-seeded components: mass-weighted average of the healthy ones, else the data's
    const isFailed = new Uint8Array(k);
    for (const c of failed) isFailed[c] = 1;
    const avg = new Float64Array(dd);
    let m = 0;
    for (let c = 0; c < k; c++) {
      if (isFailed[c]) continue;
      m += mass[c];
      for (let e = 0; e < dd; e++) avg[e] += mass[c] * this.covs[c * dd + e];
    }
    if (m > 0) {
      for (let e = 0; e < dd; e++) avg[e] /= m;
    } else {
      const mu = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mu[a] += x[i * d + a] / n;
      for (let i = 0; i < n; i++) {
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) avg[a * d + b] += (x[i * d + a] - mu[a]) * (x[i * d + b] - mu[b]) / n;
      }
      for (let a = 0; a < d; a++) avg[a * d + a] += opt.reg;
    }
    // worst-fitted points, one per failed component
    const taken = new Uint8Array(n);
    for (let f = 0; f < failed.length; f++) {
      const c = failed[f];
      let worst = -1;
      for (let i = 0; i < n; i++) {
        if (taken[i]) continue;
        if (worst < 0 || this.lse[i] < this.lse[worst]) worst = i;
      }
      taken[worst] = 1;
      for (let a = 0; a < d; a++) this.means[c * d + a] = x[worst * d + a];
      this.covs.set(avg, c * dd);
      if (!choleskyInto(d, this.covs, c * dd, this.chol, c * dd)) {
        throw new Error(`EM failed: component ${c} is ${why[f]} and re-seeding it gave no positive definite covariance`);
      }
      mass[c] = 1;
      this.reseeds++;
    }
  }

  mixture(): GaussianMixture {
    return { d: this.d, k: this.k, weights: this.weights.slice(), means: this.means.slice(), covariances: this.covs.slice() };
  }
}

/**
 * Fits a k-component full-covariance GMM to the n points of x (n·d) by EM. RangeError for bad
 * input (non-finite data, k > n, bad options); Error if a failure cannot be recovered.
 */
export function fitGmm(x: Float64Array, d: number, k: number, rng: Rng, options: EmOptions = {}): GmmFit {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`EM dimension d must be an integer ≥ 1, got ${d}`);
  const n = checkPointSet(d, x, 'EM data');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`EM number of components k must be an integer ≥ 1, got ${k}`);
  if (n < k) throw new RangeError(`EM needs at least k = ${k} points, got n = ${n}`);
  const opt = validateOptions(options);
  const st = new State(n, d, k, opt);
  const fast = d === 2 && opt.impl === 'auto';

  // initialisation: hard responsibilities from k-means, then one M-step
  const km = kmeans(x, d, k, rng, { maxIter: opt.kmeansMaxIter });
  const resp = fast ? new Float64Array(0) : new Float64Array(n * k);
  const mass = new Float64Array(k);
  if (fast) {
    const s1 = new Float64Array(2 * k), s2 = new Float64Array(3 * k);
    for (let i = 0; i < n; i++) {
      const c = km.labels[i];
      const x0 = x[2 * i], x1 = x[2 * i + 1];
      mass[c] += 1;
      s1[2 * c] += x0;
      s1[2 * c + 1] += x1;
      s2[3 * c] += x0 * x0;
      s2[3 * c + 1] += x0 * x1;
      s2[3 * c + 2] += x1 * x1;
    }
    mStep2(st, mass, s1, s2, x);
  } else {
    for (let i = 0; i < n; i++) resp[i * k + km.labels[i]] = 1;
    mStepGeneral(st, resp, mass, x);
  }

  const history: number[] = [];
  let lower = -Infinity;
  let converged = false;
  let iterations = 0;
  const s1 = new Float64Array(2 * k), s2 = new Float64Array(3 * k);
  const v = new Float64Array(k);
  for (let it = 1; it <= opt.maxIter; it++) {
    iterations = it;
    const prev = lower;
    if (fast) {
      lower = eStep2(st, x, v, mass, s1, s2);
      if (!Number.isFinite(lower)) throw new Error(`EM failed: mean log-likelihood is ${lower} at iteration ${it}`);
      mStep2(st, mass, s1, s2, x);
    } else {
      lower = eStepGeneral(st, x, resp, v);
      if (!Number.isFinite(lower)) throw new Error(`EM failed: mean log-likelihood is ${lower} at iteration ${it}`);
      mStepGeneral(st, resp, mass, x);
    }
    history.push(lower);
    if (Math.abs(lower - prev) < opt.tol) {
      converged = true;
      break;
    }
  }
  return { mixture: st.mixture(), lowerBound: lower, iterations, converged, history, reseeds: st.reseeds };
}

/** d = 2 E-step with the sufficient statistics Σr, Σr x, Σr x xᵀ accumulated in the same pass. */
function eStep2(st: State, x: Float64Array, v: Float64Array, mass: Float64Array, s1: Float64Array, s2: Float64Array): number {
  const { n, k } = st;
  const mu = st.means, inv = st.inv, lc = st.logCoef, lse = st.lse;
  mass.fill(0);
  s1.fill(0);
  s2.fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x0 = x[2 * i], x1 = x[2 * i + 1];
    const mx = componentLogTerms2(x0, x1, k, mu, inv, lc, v);
    // responsibilities below e^−40 (< 4·10⁻¹⁸) are dropped: no exp, no accumulation
    const cut = mx - SKIP_BELOW;
    let s = 0;
    for (let c = 0; c < k; c++) {
      const t = v[c];
      const e = t > cut ? Math.exp(t - mx) : 0;
      v[c] = e;
      s += e;
    }
    const l = mx + Math.log(s);
    lse[i] = l;
    total += l;
    const is = 1 / s;
    const xx = x0 * x0, xy = x0 * x1, yy = x1 * x1;
    for (let c = 0; c < k; c++) {
      if (v[c] === 0) continue;
      const r = v[c] * is;
      mass[c] += r;
      s1[2 * c] += r * x0;
      s1[2 * c + 1] += r * x1;
      s2[3 * c] += r * xx;
      s2[3 * c + 1] += r * xy;
      s2[3 * c + 2] += r * yy;
    }
  }
  return total / n;
}

/** d = 2 M-step from the sufficient statistics (centred via Σ r(x−μ)(x−μ)ᵀ = S2 − μS1ᵀ − S1μᵀ + S0μμᵀ). */
function mStep2(st: State, mass: Float64Array, s1: Float64Array, s2: Float64Array, x: Float64Array): void {
  const { k } = st;
  const mu = st.means, cv = st.covs;
  for (let c = 0; c < k; c++) {
    const m = mass[c];
    if (m < EMPTY_MASS) continue; // handled (re-seeded) by finish()
    const nk = m + TEN_EPS;
    const m0 = s1[2 * c] / nk, m1 = s1[2 * c + 1] / nk;
    mu[2 * c] = m0;
    mu[2 * c + 1] = m1;
    const a = (s2[3 * c] - 2 * m0 * s1[2 * c] + m * m0 * m0) / nk;
    const b = (s2[3 * c + 1] - m0 * s1[2 * c + 1] - m1 * s1[2 * c] + m * m0 * m1) / nk;
    const dd = (s2[3 * c + 2] - 2 * m1 * s1[2 * c + 1] + m * m1 * m1) / nk;
    cv[4 * c] = a < 0 ? 0 : a; // rounding can leave −1e-17 where the true value is 0
    cv[4 * c + 1] = b;
    cv[4 * c + 2] = b;
    cv[4 * c + 3] = dd < 0 ? 0 : dd;
  }
  st.finish(mass, x);
}

/** Reference E-step (any d): stores r_ic in resp (n·k), returns the mean log-likelihood. */
function eStepGeneral(st: State, x: Float64Array, resp: Float64Array, v: Float64Array): number {
  const { n, d, k } = st;
  const diff = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const mx = componentLogTerms(x, i, d, k, st.means, st.inv, st.logCoef, diff, v);
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(v[c] - mx);
    const l = mx + Math.log(s);
    st.lse[i] = l;
    total += l;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(v[c] - l);
  }
  return total / n;
}

/** Reference M-step (any d): two passes, centred covariances. */
function mStepGeneral(st: State, resp: Float64Array, mass: Float64Array, x: Float64Array): void {
  const { n, d, k } = st;
  const dd = d * d;
  const mu = st.means, cv = st.covs;
  mass.fill(0);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) mass[c] += resp[i * k + c];
  for (let c = 0; c < k; c++) {
    if (mass[c] < EMPTY_MASS) continue;
    const nk = mass[c] + TEN_EPS;
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += resp[i * k + c] * x[i * d + a];
      mu[c * d + a] = s / nk;
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += resp[i * k + c] * (x[i * d + a] - mu[c * d + a]) * (x[i * d + b] - mu[c * d + b]);
        cv[c * dd + a * d + b] = s / nk;
        cv[c * dd + b * d + a] = s / nk;
      }
    }
  }
  st.finish(mass, x);
}
