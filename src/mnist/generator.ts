/**
 * The class-wise Gaussian generator of the MNIST experiments (El Firdoussi et al., Figure 5 and the
 * generative model of eq. (2) applied per class): synthetic class-a images are drawn from
 * N(μ̂_a, Ĉ_a) and clipped at 0, on the 0–255 pixel scale, where
 *
 *   μ̂_a = (1/n) Σ_i x_i,   Ĉ_a = (1/(n−1)) Σ_i (x_i − μ̂_a)(x_i − μ̂_a)ᵀ
 *
 * over the first n = n_use training-pool images of class a (n_use = all pool images for "best"
 * statistics). The 1/(n−1) normalisation is numpy.cov's default, the natural choice of a Python
 * reference; the paper does not say. "No covariance" is N(μ̂_a, I_p) with μ̂_a from all pool images
 * (identity on the 0–255 scale: a standard deviation of one grey level, so these samples look like
 * the blurred class mean, as in the paper's Figure 5, top).
 *
 * Sampling. Ĉ_a has rank ≤ n − 1 (n_use = 10 gives rank 9 in p = 784 dimensions), so it has no
 * Cholesky factor. The data matrix is a square-root factor: with X_c = [x_1 − μ̂, …, x_n − μ̂]
 * (p×n) and F = X_c/√(n−1), F·Fᵀ = Ĉ, hence x = μ̂ + F·u with u ~ N(0, I_n) is exactly
 * N(μ̂, Ĉ) in law, with no eigen-decomposition and O(p·n) work per sample.
 *
 * Clipping: the spec clips at 0 only ("clipped at 0"); values above 255 are kept (they occur
 * rarely). Images shown as pictures are additionally clamped to 0..255 (see ./samples.ts).
 */
import type { Rng } from '../random/rng';
import { MNIST_PIXELS } from './data';

/** A fitted class-wise Gaussian N(mean, F·Fᵀ), or N(mean, I) when `factor` is null. */
export interface ClassGaussian {
  /** Dimension p. */
  p: number;
  /** μ̂ (length p). */
  mean: Float64Array;
  /**
   * Pixels where some centred image is nonzero (the other rows of F are zero: pixels that never
   * vary, e.g. the border, stay at μ̂); F is stored on these rows only.
   */
  active: Int32Array;
  /** F = X_c/√(n−1) restricted to `active` rows: active.length×rank, column-major (column i at [i·a, (i+1)·a)); null: identity. */
  factor: Float64Array | null;
  /** Number of columns of F (n); 0 for the identity covariance. */
  rank: number;
  /** Number of images the statistics were estimated from. */
  nUsed: number;
}

function checkImages(images: ArrayLike<number>, count: number, p: number): void {
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`p must be an integer >= 1, got ${p}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be an integer >= 1, got ${count}`);
  if (images.length < count * p) throw new RangeError(`images must hold ${count}×${p} values, got ${images.length}`);
}

/**
 * Fits N(μ̂, Ĉ) to the first `nUse` of the `count` images in `images` (count×p, sample-major; the
 * 0–255 scale is the caller's). nUse ≥ 2 (a covariance needs two samples) and ≤ count.
 */
export function fitClassGaussian(images: ArrayLike<number>, count: number, nUse = count, p = MNIST_PIXELS): ClassGaussian {
  checkImages(images, count, p);
  if (!Number.isInteger(nUse) || nUse < 2 || nUse > count) {
    throw new RangeError(`nUse (n_use) must be an integer in 2..${count} (a covariance needs at least two images), got ${nUse}`);
  }
  const n = nUse;
  const mean = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const v = images[o + a];
      if (!Number.isFinite(v)) throw new RangeError(`images[${o + a}] must be finite, got ${v}`);
      mean[a] += v;
    }
  }
  for (let a = 0; a < p; a++) mean[a] /= n;
  const act: number[] = [];
  for (let a = 0; a < p; a++) {
    for (let i = 0; i < n; i++) {
      if (images[i * p + a] !== mean[a]) {
        act.push(a);
        break;
      }
    }
  }
  const active = Int32Array.from(act);
  const pa = active.length;
  const s = 1 / Math.sqrt(n - 1);
  const factor = new Float64Array(pa * n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < pa; t++) factor[i * pa + t] = (images[i * p + active[t]] - mean[active[t]]) * s;
  }
  return { p, mean, active, factor, rank: n, nUsed: n };
}

/** N(μ̂, I_p) with μ̂ the mean of all `count` images: the "no covariance" generator. */
export function fitClassMeanOnly(images: ArrayLike<number>, count: number, p = MNIST_PIXELS): ClassGaussian {
  checkImages(images, count, p);
  const mean = new Float64Array(p);
  for (let i = 0; i < count; i++) for (let a = 0; a < p; a++) mean[a] += images[i * p + a];
  for (let a = 0; a < p; a++) mean[a] /= count;
  return { p, mean, active: Int32Array.from({ length: p }, (_, a) => a), factor: null, rank: 0, nUsed: count };
}

/** The covariance F·Fᵀ (p×p row-major) of a fitted generator; the identity for mean-only. */
export function generatorCovariance(g: ClassGaussian): Float64Array {
  const p = g.p;
  const c = new Float64Array(p * p);
  if (!g.factor) {
    for (let a = 0; a < p; a++) c[a * p + a] = 1;
    return c;
  }
  const f = g.factor, act = g.active, pa = act.length;
  for (let i = 0; i < g.rank; i++) {
    const o = i * pa;
    for (let t = 0; t < pa; t++) {
      const ft = f[o + t];
      if (ft === 0) continue;
      for (let r = 0; r < pa; r++) c[act[t] * p + act[r]] += ft * f[o + r];
    }
  }
  return c;
}

/**
 * `count` draws x = μ̂ + F·u (u ~ N(0, I_rank)), or μ̂ + z (z ~ N(0, I_p)) for the identity, written
 * to out[offset .. offset + count·p) (sample-major); clipped at 0 when `clip` (the paper's
 * generator) — pass false to test the Gaussian law itself. The normals are drawn sample after
 * sample, so a block of draws equals the same number of single draws from the same stream.
 * Four samples are computed together (each column of F is read once for the four).
 */
export function sampleClassGaussianInto(
  g: ClassGaussian,
  rng: Rng,
  count: number,
  out: Float64Array,
  offset = 0,
  clip = true,
): Float64Array {
  const p = g.p;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
  if (out.length < offset + count * p) throw new RangeError(`out must have length >= ${offset + count * p}, got ${out.length}`);
  if (!g.factor) {
    for (let s = 0; s < count; s++) {
      const o = offset + s * p;
      for (let a = 0; a < p; a++) out[o + a] = g.mean[a] + rng.normal();
    }
  } else {
    const f = g.factor, act = g.active, pa = act.length, r = g.rank;
    const u = new Float64Array(4 * r);
    const acc = new Float64Array(4 * pa);
    for (let s0 = 0; s0 < count; s0 += 4) {
      const k = Math.min(4, count - s0);
      rng.normals(k * r, u);
      acc.fill(0);
      if (k === 4) {
        for (let i = 0; i < r; i++) {
          const u0 = u[i], u1 = u[r + i], u2 = u[2 * r + i], u3 = u[3 * r + i];
          const o = i * pa;
          for (let t = 0; t < pa; t++) {
            const ft = f[o + t];
            acc[t] += u0 * ft;
            acc[pa + t] += u1 * ft;
            acc[2 * pa + t] += u2 * ft;
            acc[3 * pa + t] += u3 * ft;
          }
        }
      } else {
        for (let j = 0; j < k; j++) {
          for (let i = 0; i < r; i++) {
            const ui = u[j * r + i], o = i * pa;
            for (let t = 0; t < pa; t++) acc[j * pa + t] += ui * f[o + t];
          }
        }
      }
      for (let j = 0; j < k; j++) {
        const o = offset + (s0 + j) * p;
        out.set(g.mean, o);
        for (let t = 0; t < pa; t++) out[o + act[t]] += acc[j * pa + t];
      }
    }
  }
  if (clip) for (let e = offset; e < offset + count * p; e++) if (out[e] < 0) out[e] = 0;
  return out;
}

/** One draw of `sampleClassGaussianInto`, written to `out` (length p). */
export function sampleClassGaussian(g: ClassGaussian, rng: Rng, out: Float64Array = new Float64Array(g.p), clip = true): Float64Array {
  return sampleClassGaussianInto(g, rng, 1, out, 0, clip);
}

/** `count` draws (count×p, sample-major) of `sampleClassGaussianInto`. */
export function sampleClassGaussianMany(g: ClassGaussian, count: number, rng: Rng, clip = true): Float64Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
  return sampleClassGaussianInto(g, rng, count, new Float64Array(count * g.p), 0, clip);
}
