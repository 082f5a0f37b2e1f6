/**
 * The class-wise Gaussian generator of the MNIST experiments (El Firdoussi et al., Figure 5 and the
 * generative model of eq. (2) applied per class; spec figures.md, Figure 7): synthetic class-a images
 * are drawn from N(μ̂_a, Ĉ_a) and clipped at 0 from below, on the 0–255 pixel scale, where
 *
 *   μ̂_a = (1/n) Σ_i x_i,   Ĉ_a = (1/n) Σ_i (x_i − μ̂_a)(x_i − μ̂_a)ᵀ
 *
 * over the first n = n_use training images of class a (all of them for the "best" statistics) —
 * normalised by the count n, not n − 1, as the authors' code does. "No covariance" is N(μ̂_a, I_p)
 * with μ̂_a from all images of the class, NOT clipped (the authors clip the covariance variants only).
 *
 * Sampling, exact in law either way:
 * - n ≤ #active pixels (n_use = 10 or 100): Ĉ has rank ≤ n − 1 and no Cholesky factor; the data
 *   matrix is a square-root factor: F = X_c/√n (p×n, X_c the centred images), F·Fᵀ = Ĉ, so
 *   x = μ̂ + F·u, u ~ N(0, I_n), costs O(p·n) per sample.
 * - n > #active pixels (all ≈ 6,000 images of a class): Ĉ is formed on the active pixels from the
 *   raw moments, Ĉ = (1/n) Σ x xᵀ − μ̂ μ̂ᵀ (Σ x xᵀ over the nonzero pixels of each image; the sums
 *   of products of integer grey levels are exact in float64), and factored Ĉ = L·Lᵀ by a
 *   semi-definite Cholesky (a pivot below 1e-10 of the largest diagonal entry — a pixel that is a
 *   linear combination of earlier ones — gives a zero column); x = μ̂ + L·u costs O(p²/2).
 * Pixels that never vary (the border) have a zero row in F and stay at μ̂; F is stored on the
 * active pixels only.
 *
 * Clipping: at 0 only ("clipped at 0 from below, no upper clip"); values above 255 are kept. Images
 * shown as pictures are additionally clamped to 0..255 (see ./samples.ts).
 */
import { semidefiniteCholesky } from '../linalg/cholesky';
import type { Rng } from '../random/rng';
import { MNIST_PIXELS } from './data';

/** A fitted class-wise Gaussian N(mean, F·Fᵀ), or N(mean, I) when `factor` is null. */
export interface ClassGaussian {
  /** Dimension p. */
  p: number;
  /** μ̂ (length p). */
  mean: Float64Array;
  /** Pixels that vary over the images used (the other rows of F are zero); F is stored on these rows only. */
  active: Int32Array;
  /** F restricted to `active` rows: active.length×rank, column-major (column i at [i·a, (i+1)·a)); null: identity. */
  factor: Float64Array | null;
  /** Number of columns of F; 0 for the identity covariance. */
  rank: number;
  /** F is lower-triangular (column i is zero above row i): the Cholesky factor. */
  triangular: boolean;
  /** Number of images the statistics were estimated from. */
  nUsed: number;
  /** Whether samples are clipped at 0 (the covariance variants: yes; N(μ̂, I): no). */
  clip: boolean;
}

function checkImages(images: ArrayLike<number>, count: number, p: number): void {
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`p must be an integer >= 1, got ${p}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be an integer >= 1, got ${count}`);
  if (images.length < count * p) throw new RangeError(`images must hold ${count}×${p} values, got ${images.length}`);
}

/**
 * The sample mean μ̂ of the first n images (n×p, sample-major) and the active pixels (those that
 * vary over the n images; Ĉ is zero elsewhere). Every value must be finite.
 */
export function classMoments(images: ArrayLike<number>, n: number, p = MNIST_PIXELS): { mean: Float64Array; active: Int32Array } {
  const mean = new Float64Array(p);
  const lo = new Float64Array(p).fill(Infinity), hi = new Float64Array(p).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const v = images[o + a];
      if (!Number.isFinite(v)) throw new RangeError(`images[${o + a}] must be finite, got ${v}`);
      mean[a] += v;
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  }
  for (let a = 0; a < p; a++) mean[a] /= n;
  const act: number[] = [];
  for (let a = 0; a < p; a++) if (hi[a] > lo[a]) act.push(a);
  return { mean, active: Int32Array.from(act) };
}

/**
 * Fits N(μ̂, Ĉ) to the first `nUse` of the `count` images in `images` (count×p, sample-major; the
 * 0–255 scale is the caller's), Ĉ normalised by nUse. nUse ≥ 2 (a covariance needs two samples)
 * and ≤ count.
 */
export function fitClassGaussian(images: ArrayLike<number>, count: number, nUse = count, p = MNIST_PIXELS): ClassGaussian {
  checkImages(images, count, p);
  if (!Number.isInteger(nUse) || nUse < 2 || nUse > count) {
    throw new RangeError(`nUse (n_use) must be an integer in 2..${count} (a covariance needs at least two images), got ${nUse}`);
  }
  const n = nUse;
  const { mean, active } = classMoments(images, n, p);
  const pa = active.length;
  if (n <= pa) {
    const s = 1 / Math.sqrt(n);
    const factor = new Float64Array(pa * n);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < pa; t++) factor[i * pa + t] = (images[i * p + active[t]] - mean[active[t]]) * s;
    }
    return { p, mean, active, factor, rank: n, triangular: false, nUsed: n, clip: true };
  }
  const cov = activeCovariance(images, n, p, mean, active);
  semidefiniteCholesky(cov, pa);
  // Column-major copy of L: column i holds L[i.., i].
  const factor = new Float64Array(pa * pa);
  for (let i = 0; i < pa; i++) for (let t = i; t < pa; t++) factor[i * pa + t] = cov[t * pa + i];
  return { p, mean, active, factor, rank: pa, triangular: true, nUsed: n, clip: true };
}

/**
 * Ĉ = (1/n) Σ_i x_i x_iᵀ − μ̂ μ̂ᵀ on the active pixels (pa×pa row-major, full), the raw second
 * moment accumulated over each image's nonzero active pixels (lower half, then mirrored).
 */
export function activeCovariance(images: ArrayLike<number>, n: number, p: number, mean: Float64Array, active: Int32Array): Float64Array {
  const pa = active.length;
  const where = new Int32Array(p).fill(-1);
  for (let t = 0; t < pa; t++) where[active[t]] = t;
  const c = new Float64Array(pa * pa);
  const idx = new Int32Array(pa), val = new Float64Array(pa);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let nz = 0;
    for (let a = 0; a < p; a++) {
      const v = images[o + a];
      if (v !== 0 && where[a] >= 0) {
        idx[nz] = where[a];
        val[nz] = v;
        nz++;
      }
    }
    // idx is increasing: (idx[u], idx[w]) with w ≤ u lies in the lower half.
    for (let u = 0; u < nz; u++) {
      const r = idx[u] * pa, vu = val[u];
      for (let w = 0; w <= u; w++) c[r + idx[w]] += vu * val[w];
    }
  }
  const inv = 1 / n;
  for (let t = 0; t < pa; t++) {
    const mt = mean[active[t]];
    for (let r = 0; r <= t; r++) {
      const v = c[t * pa + r] * inv - mt * mean[active[r]];
      c[t * pa + r] = v;
      c[r * pa + t] = v;
    }
  }
  return c;
}

/** N(μ̂, I_p) with μ̂ the mean of all `count` images, not clipped: the "no covariance" generator. */
export function fitClassMeanOnly(images: ArrayLike<number>, count: number, p = MNIST_PIXELS): ClassGaussian {
  checkImages(images, count, p);
  const mean = new Float64Array(p);
  for (let i = 0; i < count; i++) for (let a = 0; a < p; a++) mean[a] += images[i * p + a];
  for (let a = 0; a < p; a++) mean[a] /= count;
  return { p, mean, active: Int32Array.from({ length: p }, (_, a) => a), factor: null, rank: 0, triangular: false, nUsed: count, clip: false };
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
 * to out[offset .. offset + count·p) (sample-major); clipped at 0 when `clip` (default: the
 * generator's own rule, `g.clip`) — pass false to test the Gaussian law itself. The normals are drawn sample after
 * sample, so a block of draws equals the same number of single draws from the same stream.
 * Four samples are computed together (each column of F is read once for the four).
 */
export function sampleClassGaussianInto(
  g: ClassGaussian,
  rng: Rng,
  count: number,
  out: Float64Array,
  offset = 0,
  clip = g.clip,
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
    const f = g.factor, act = g.active, pa = act.length, r = g.rank, tri = g.triangular;
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
          for (let t = tri ? i : 0; t < pa; t++) {
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
            for (let t = tri ? i : 0; t < pa; t++) acc[j * pa + t] += ui * f[o + t];
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
export function sampleClassGaussian(g: ClassGaussian, rng: Rng, out: Float64Array = new Float64Array(g.p), clip = g.clip): Float64Array {
  return sampleClassGaussianInto(g, rng, 1, out, 0, clip);
}

/** `count` draws (count×p, sample-major) of `sampleClassGaussianInto`. */
export function sampleClassGaussianMany(g: ClassGaussian, count: number, rng: Rng, clip = g.clip): Float64Array {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
  return sampleClassGaussianInto(g, rng, count, new Float64Array(count * g.p), 0, clip);
}
