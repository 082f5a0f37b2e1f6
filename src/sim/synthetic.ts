/**
 * The synthetic data generator of El Firdoussi et al.: a Gaussian mixture x = y·μ_β + F·ζ,
 * y = ±1, ζ ~ N(0, I_r), with F·Fᵀ = C (p×r factor), i.e. N(±μ_β, C). Its (μ_β, C) are either given,
 * or estimated from n̂ real samples (the paper's generator), or — the Figure 3 protocol — a fresh
 * covariance ZZᵀ/n̂ with Z ∈ R^{p×n̂} Gaussian around the true mean (the "toy setting" of the theory).
 */
import type { Rng } from '../random/rng';
import { checkDim, checkLength } from '../linalg/checks';
import { covarianceFactor } from '../linalg/eigen';
import { makeLabels, type LabelScheme, type LabelledData } from './mixture';

/** N(±μ_β, F·Fᵀ): `factor` is p×rank row-major (lower-triangular when `lower`), or null for C = I_p. */
export interface SyntheticGenerator {
  p: number;
  muBeta: Float64Array;
  factor: Float64Array | null;
  rank: number;
  lower: boolean;
}

/** Mean and covariance estimated by the generator from real data. */
export interface EstimatedModel {
  /** μ̂ = (1/n̂) Σ_i y_i x_i */
  muHat: Float64Array;
  /** Ĉ = (1/n̂) Σ_i (y_i x_i − c)(y_i x_i − c)ᵀ, c = μ̂ (estimated) or μ (true), p×p row-major */
  covariance: Float64Array;
}

/**
 * The generator's estimate from the first n̂ samples (all n by default) of a real data set X (p×n
 * column-major) with labels y: μ̂ = (1/n̂) Σ y_i x_i and Ĉ = (1/n̂) Σ (y_i x_i − c)(y_i x_i − c)ᵀ with
 * c = μ̂ (`centre: 'estimated'`, the default) or c = the true μ (`centre: 'true'`, as the reference
 * code of Figure 3 does: then y_i x_i − μ = y_i z_i and Ĉ = (1/n̂) Σ z_i z_iᵀ exactly).
 */
export function estimateGenerator(
  x: Float64Array,
  y: ArrayLike<number>,
  p: number,
  n: number,
  options: { nHat?: number; centre?: 'estimated' | 'true'; mu?: ArrayLike<number> } = {},
): EstimatedModel {
  checkDim('p', p, 1);
  checkDim('n', n, 1);
  checkLength('X', x, p * n, `${p}×${n}`);
  checkLength('y', y, n, `${n}`);
  const nHat = options.nHat ?? n;
  if (!Number.isInteger(nHat) || nHat < 1 || nHat > n) {
    throw new RangeError(`nHat must be an integer in [1, n = ${n}], got ${nHat}`);
  }
  const centre = options.centre ?? 'estimated';
  if (centre !== 'estimated' && centre !== 'true') {
    throw new RangeError(`centre must be 'estimated' or 'true', got ${JSON.stringify(centre)}`);
  }
  const muHat = new Float64Array(p);
  for (let j = 0; j < nHat; j++) {
    const o = j * p, yj = y[j];
    for (let i = 0; i < p; i++) muHat[i] += yj * x[o + i];
  }
  for (let i = 0; i < p; i++) muHat[i] /= nHat;
  let c: ArrayLike<number> = muHat;
  if (centre === 'true') {
    if (!options.mu || options.mu.length !== p) {
      throw new RangeError(`centre 'true' needs the true mean mu of length p = ${p}, got ${options.mu ? `length ${options.mu.length}` : 'none'}`);
    }
    c = options.mu;
  }
  const cov = new Float64Array(p * p);
  const v = new Float64Array(p);
  for (let j = 0; j < nHat; j++) {
    const o = j * p, yj = y[j];
    for (let i = 0; i < p; i++) v[i] = yj * x[o + i] - c[i];
    for (let a = 0; a < p; a++) {
      const va = v[a], r = a * p;
      for (let b = 0; b <= a; b++) cov[r + b] += va * v[b];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      const s = cov[a * p + b] / nHat;
      cov[a * p + b] = s;
      cov[b * p + a] = s;
    }
  }
  return { muHat, covariance: cov };
}

/**
 * A fresh covariance estimate Ĉ = ZZᵀ/n̂ with Z ∈ R^{p×n̂} i.i.d. N(0, 1) (p×p row-major), formed
 * explicitly — the reference for Figure 3's per-draw covariance (the fast simulator draws its
 * Bartlett factor instead).
 */
export function freshCovariance(p: number, nHat: number, rng: Rng): Float64Array {
  checkDim('p', p, 1);
  checkDim('nHat', nHat, 1);
  const z = rng.normals(p * nHat); // column-major p×n̂
  const c = new Float64Array(p * p);
  for (let j = 0; j < nHat; j++) {
    const o = j * p;
    for (let a = 0; a < p; a++) {
      const za = z[o + a], r = a * p;
      for (let b = 0; b <= a; b++) c[r + b] += za * z[o + b];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      const s = c[a * p + b] / nHat;
      c[a * p + b] = s;
      c[b * p + a] = s;
    }
  }
  return c;
}

/** The generator N(±μ_β, C) for a given covariance C (p×p row-major, or null for C = I_p). */
export function generatorFromCovariance(muBeta: ArrayLike<number>, covariance: ArrayLike<number> | null): SyntheticGenerator {
  const p = muBeta.length;
  checkDim('p (length of muBeta)', p, 1);
  const mb = Float64Array.from(muBeta);
  if (covariance === null) return { p, muBeta: mb, factor: null, rank: p, lower: true };
  checkLength('covariance', covariance, p * p, `${p}×${p}`);
  const { factor, lower } = covarianceFactor(covariance, p);
  return { p, muBeta: mb, factor, rank: p, lower };
}

/** The generator N(±μ_β, A·Aᵀ) for a given p×r factor A (row-major). */
export function generatorFromFactor(muBeta: ArrayLike<number>, factor: Float64Array, rank = muBeta.length): SyntheticGenerator {
  const p = muBeta.length;
  checkDim('p (length of muBeta)', p, 1);
  checkDim('rank', rank, 1);
  checkLength('factor', factor, p * rank, `${p}×${rank}`);
  let lower = true;
  for (let i = 0; i < p && lower; i++) for (let j = i + 1; j < rank; j++) if (factor[i * rank + j] !== 0) { lower = false; break; }
  return { p, muBeta: Float64Array.from(muBeta), factor, rank, lower };
}

/**
 * m synthetic samples x_i = y_i μ_β + F ζ_i (X p×m column-major) with labels y (true classes).
 * F·ζ is computed four samples at a time (each row of F loaded once per four samples); the ζ_i are
 * drawn sample by sample, so the result does not depend on the blocking.
 */
export function sampleSynthetic(
  gen: SyntheticGenerator,
  m: number,
  rng: Rng,
  labels: LabelScheme | Float64Array = 'balanced',
): LabelledData {
  checkDim('m', m);
  const { p, muBeta, factor, rank } = gen;
  const y = typeof labels === 'string' ? makeLabels(m, labels, rng) : labels;
  if (y.length !== m) throw new RangeError(`labels must have length m = ${m}, got ${y.length}`);
  const x = new Float64Array(p * m);
  if (factor === null) {
    for (let j = 0; j < m; j++) {
      const o = j * p, yj = y[j];
      for (let i = 0; i < p; i++) x[o + i] = yj * muBeta[i] + rng.normal();
    }
    return { p, n: m, x, y };
  }
  const zeta = new Float64Array(4 * rank);
  const z0 = zeta.subarray(0, rank), z1 = zeta.subarray(rank, 2 * rank);
  const z2 = zeta.subarray(2 * rank, 3 * rank), z3 = zeta.subarray(3 * rank, 4 * rank);
  for (let j0 = 0; j0 < m; j0 += 4) {
    const cnt = Math.min(4, m - j0);
    for (let b = 0; b < cnt; b++) rng.normals(rank, zeta.subarray(b * rank, (b + 1) * rank));
    for (let i = 0; i < p; i++) {
      const r = i * rank;
      const jmax = gen.lower ? Math.min(i + 1, rank) : rank;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let l = 0; l < jmax; l++) {
        const f = factor[r + l];
        s0 += f * z0[l];
        s1 += f * z1[l];
        s2 += f * z2[l];
        s3 += f * z3[l];
      }
      const mi = muBeta[i];
      x[j0 * p + i] = y[j0] * mi + s0;
      if (cnt > 1) x[(j0 + 1) * p + i] = y[j0 + 1] * mi + s1;
      if (cnt > 2) x[(j0 + 2) * p + i] = y[j0 + 2] * mi + s2;
      if (cnt > 3) x[(j0 + 3) * p + i] = y[j0 + 3] * mi + s3;
    }
  }
  return { p, n: m, x, y };
}
