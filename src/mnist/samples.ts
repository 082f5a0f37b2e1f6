/**
 * Figure 5 of El Firdoussi et al.: real digits beside samples of the class-wise Gaussian generator —
 * mean only, N(μ̂_a, I) (they look like blurred class means), and mean and covariance, N(μ̂_a, Ĉ_a)
 * clipped at 0 — and the degradation as the statistics come from fewer images (n_use), with the
 * spectrum of Ĉ_a that explains it: Ĉ_a has rank ≤ n_use − 1, so a sample from 10 images is the
 * mean plus a combination of 9 centred images.
 */
import { symmetricEigenvalues } from '../linalg/eigen';
import { Rng } from '../random/rng';
import { MNIST_CLASSES, MNIST_PIXELS, poolClassImages, poolClassSize, type MnistSplit } from './data';
import { fitClassGaussian, fitClassMeanOnly, sampleClassGaussian } from './generator';

/** One row of the sample grid: an image per class (and per repetition). */
export interface SampleRow {
  kind: 'real' | 'mean-only' | 'mean-covariance';
  /** Images the statistics came from (the smallest over classes when capped by the pool size). */
  nUse: number;
  label: string;
  /** Per image: its class and 784 grey levels (0..255, clamped and rounded for display). */
  images: { digit: number; pixels: number[] }[];
}

export interface SampleGridOptions {
  /** Sizes of the covariance estimates, e.g. [1000, 100, 10]; values above a class's pool size use the whole pool. */
  nUseValues: number[];
  /** Images per class in each row. */
  samplesPerClass: number;
  seed: number;
}

function toDisplay(x: ArrayLike<number>): number[] {
  const out = new Array<number>(MNIST_PIXELS);
  for (let a = 0; a < MNIST_PIXELS; a++) out[a] = Math.max(0, Math.min(255, Math.round(x[a])));
  return out;
}

/**
 * The rows of Figure 5: real pool images, N(μ̂_a, I) samples (μ̂_a from the whole pool), then one row
 * of N(μ̂_a, Ĉ_a) samples per n_use (statistics from the first n_use pool images of each class).
 */
export function sampleGrid(split: MnistSplit, o: SampleGridOptions): SampleRow[] {
  if (!Array.isArray(o.nUseValues) || o.nUseValues.length === 0) throw new RangeError('nUseValues must list at least one n_use');
  for (const v of o.nUseValues) {
    if (!Number.isInteger(v) || v < 2) throw new RangeError(`every n_use must be an integer >= 2, got ${v}`);
  }
  if (!Number.isInteger(o.samplesPerClass) || o.samplesPerClass < 1 || o.samplesPerClass > 20) {
    throw new RangeError(`samplesPerClass must be an integer in 1..20, got ${o.samplesPerClass}`);
  }
  if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${o.seed}`);
  const root = new Rng(o.seed);
  const S = o.samplesPerClass;
  let minPool = Infinity;
  for (let k = 0; k < MNIST_CLASSES; k++) minPool = Math.min(minPool, poolClassSize(split, k));
  const rows: SampleRow[] = [];
  const x = new Float64Array(MNIST_PIXELS);
  // Real images: a random S of each class's pool.
  const realRng = root.substream(0);
  const real: SampleRow = { kind: 'real', nUse: 0, label: 'real', images: [] };
  const perms = Array.from({ length: MNIST_CLASSES }, (_, k) => realRng.permutation(poolClassSize(split, k)));
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < MNIST_CLASSES; k++) {
      const i = split.poolStart[k] + perms[k][s];
      real.images.push({ digit: k, pixels: Array.from(split.pool.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS)) });
    }
  }
  rows.push(real);
  const gens = [
    { kind: 'mean-only' as const, nUse: minPool, label: 'N(μ̂, I)', fit: (k: number) => fitClassMeanOnly(poolClassImages(split, k), poolClassSize(split, k)) },
    ...o.nUseValues.map((v) => ({
      kind: 'mean-covariance' as const,
      nUse: Math.min(v, minPool),
      label: v >= minPool ? `N(μ̂, Ĉ), all (${minPool}–${Math.max(...Array.from({ length: MNIST_CLASSES }, (_, k) => poolClassSize(split, k)))})` : `N(μ̂, Ĉ), n_use = ${v}`,
      fit: (k: number) => {
        const nUse = Math.min(v, poolClassSize(split, k));
        return fitClassGaussian(poolClassImages(split, k, nUse), nUse, nUse);
      },
    })),
  ];
  gens.forEach((g, gi) => {
    const row: SampleRow = { kind: g.kind, nUse: g.nUse, label: g.label, images: [] };
    const byClass: number[][][] = [];
    for (let k = 0; k < MNIST_CLASSES; k++) {
      const gen = g.fit(k);
      const rng = root.substream(1 + gi * MNIST_CLASSES + k);
      byClass.push(Array.from({ length: S }, () => toDisplay(sampleClassGaussian(gen, rng, x, true))));
    }
    for (let s = 0; s < S; s++) for (let k = 0; k < MNIST_CLASSES; k++) row.images.push({ digit: k, pixels: byClass[k][s] });
    rows.push(row);
  });
  return rows;
}

/**
 * Eigenvalues (descending) of Ĉ_k estimated from the first n_use pool images of class k (capped at
 * the pool size). For n_use ≤ p they are computed from the n×n Gram matrix X_cᵀX_c/(n−1), which has
 * the same nonzero eigenvalues; zeros beyond rank n − 1 are left out.
 */
export function covarianceSpectrum(split: MnistSplit, k: number, nUse: number): Float64Array {
  if (!Number.isInteger(k) || k < 0 || k >= MNIST_CLASSES) throw new RangeError(`class must be a digit 0..9, got ${k}`);
  if (!Number.isInteger(nUse) || nUse < 2) throw new RangeError(`n_use must be an integer >= 2, got ${nUse}`);
  const n = Math.min(nUse, poolClassSize(split, k));
  const g = fitClassGaussian(poolClassImages(split, k, n), n, n);
  // F has pa = #active pixel rows; Ĉ's nonzero eigenvalues are those of FᵀF (n×n) or of the
  // pa×pa block F·Fᵀ, whichever is smaller.
  const f = g.factor!, pa = g.active.length;
  let vals: Float64Array;
  if (n <= pa) {
    const gram = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let t = 0; t < pa; t++) s += f[i * pa + t] * f[j * pa + t];
        gram[i * n + j] = s;
        gram[j * n + i] = s;
      }
    }
    vals = symmetricEigenvalues(gram, n);
  } else {
    const c = new Float64Array(pa * pa);
    for (let i = 0; i < n; i++) {
      const o = i * pa;
      for (let a = 0; a < pa; a++) {
        const fa = f[o + a];
        if (fa === 0) continue;
        for (let b = 0; b <= a; b++) c[a * pa + b] += fa * f[o + b];
      }
    }
    for (let a = 0; a < pa; a++) for (let b = 0; b < a; b++) c[b * pa + a] = c[a * pa + b];
    vals = symmetricEigenvalues(c, pa);
  }
  const top = vals[vals.length - 1];
  const out: number[] = [];
  for (let i = vals.length - 1; i >= 0 && out.length < n - 1; i--) if (vals[i] > 1e-9 * top) out.push(vals[i]);
  return Float64Array.from(out);
}
