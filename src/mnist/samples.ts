/**
 * Figure 5 of El Firdoussi et al.: real digits beside samples of the class-wise Gaussian generator —
 * mean only, N(μ̂_a, I) (they look like blurred class means), and mean and covariance, N(μ̂_a, Ĉ_a)
 * clipped at 0, from all training images of the class and from its first n_use — with the spectrum
 * of Ĉ_a that explains the degradation: Ĉ_a has rank ≤ n_use − 1, so a sample from 10 images is the
 * mean plus a combination of 9 centred images.
 */
import { symmetricEigenvalues } from '../linalg/eigen';
import { Rng } from '../random/rng';
import { MNIST_CLASSES, MNIST_PIXELS, poolClassImages, poolClassSize, type MnistSplit } from './data';
import { classGenerator } from './experiment';
import { activeCovariance, classMoments, fitClassGaussian, sampleClassGaussian } from './generator';

/** One row of the sample grid: an image per class (and per repetition). */
export interface SampleRow {
  kind: 'real' | 'mean-only' | 'mean-covariance';
  /** Images the statistics came from: 0 = all images of each class. */
  nUse: number;
  label: string;
  /** Per image: its class and 784 grey levels (0..255, clamped and rounded for display). */
  images: { digit: number; pixels: number[] }[];
}

export interface SampleGridOptions {
  /** Sizes of the covariance estimates, e.g. [0, 100, 10]; 0 (or a value ≥ a class's size) = all images of the class. */
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
 * The rows of Figure 5: real training images (the first of each class), N(μ̂_a, I) samples (μ̂_a from
 * all images, not clipped), then one row of N(μ̂_a, Ĉ_a) samples clipped at 0 per n_use (statistics
 * from the first n_use images of each class; 0 = all).
 */
export function sampleGrid(split: MnistSplit, o: SampleGridOptions): SampleRow[] {
  if (!Array.isArray(o.nUseValues) || o.nUseValues.length === 0) throw new RangeError('nUseValues must list at least one n_use');
  for (const v of o.nUseValues) {
    if (!Number.isInteger(v) || v < 0 || v === 1) throw new RangeError(`every n_use must be 0 (all images) or an integer >= 2, got ${v}`);
  }
  if (!Number.isInteger(o.samplesPerClass) || o.samplesPerClass < 1 || o.samplesPerClass > 20) {
    throw new RangeError(`samplesPerClass must be an integer in 1..20, got ${o.samplesPerClass}`);
  }
  if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${o.seed}`);
  const root = new Rng(o.seed);
  const S = o.samplesPerClass;
  const sizes = Array.from({ length: MNIST_CLASSES }, (_, k) => poolClassSize(split, k));
  const minSize = Math.min(...sizes), maxSize = Math.max(...sizes);
  if (S > minSize) throw new RangeError(`samplesPerClass must be <= ${minSize} (the smallest class), got ${S}`);
  const rows: SampleRow[] = [];
  const x = new Float64Array(MNIST_PIXELS);
  const real: SampleRow = { kind: 'real', nUse: 0, label: 'real', images: [] };
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < MNIST_CLASSES; k++) {
      const i = split.poolStart[k] + s;
      real.images.push({ digit: k, pixels: Array.from(split.pool.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS)) });
    }
  }
  rows.push(real);
  const gens = [
    { kind: 'mean-only' as const, nUse: 0, label: 'mean only: N(μ̂, I)', fit: (k: number) => classGenerator(split, k, { kind: 'identity' }) },
    ...o.nUseValues.map((v) => {
      const all = v === 0 || v >= maxSize;
      return {
        kind: 'mean-covariance' as const,
        nUse: all ? 0 : v,
        label: all ? `mean and covariance from all images (${minSize}–${maxSize})` : `mean and covariance, n_use = ${v}`,
        fit: (k: number) => classGenerator(split, k, { kind: 'estimated', nUse: v }),
      };
    }),
  ];
  gens.forEach((g, gi) => {
    const row: SampleRow = { kind: g.kind, nUse: g.nUse, label: g.label, images: [] };
    const byClass: number[][][] = [];
    for (let k = 0; k < MNIST_CLASSES; k++) {
      const gen = g.fit(k);
      const rng = root.substream(1 + gi * MNIST_CLASSES + k);
      byClass.push(Array.from({ length: S }, () => toDisplay(sampleClassGaussian(gen, rng, x))));
    }
    for (let s = 0; s < S; s++) for (let k = 0; k < MNIST_CLASSES; k++) row.images.push({ digit: k, pixels: byClass[k][s] });
    rows.push(row);
  });
  return rows;
}

/**
 * Eigenvalues (descending, nonzero only) of Ĉ_k (normalised by the count) estimated from the first
 * n_use images of class k (0 or ≥ the class size: all of them). For n_use ≤ #active pixels they are
 * computed from the n×n Gram matrix FᵀF, which has the same nonzero eigenvalues (rank ≤ n − 1);
 * otherwise from Ĉ on the active pixels.
 */
export function covarianceSpectrum(split: MnistSplit, k: number, nUse: number): Float64Array {
  if (!Number.isInteger(k) || k < 0 || k >= MNIST_CLASSES) throw new RangeError(`class must be a digit 0..9, got ${k}`);
  if (!Number.isInteger(nUse) || nUse < 0 || nUse === 1) throw new RangeError(`n_use must be 0 (all images) or an integer >= 2, got ${nUse}`);
  const size = poolClassSize(split, k);
  const n = nUse === 0 ? size : Math.min(nUse, size);
  const images = poolClassImages(split, k, n);
  const { mean, active } = classMoments(images, n, MNIST_PIXELS);
  const pa = active.length;
  let vals: Float64Array;
  if (n <= pa) {
    const f = fitClassGaussian(images, n, n).factor!; // the low-rank factor F (Ĉ = FᵀF)
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
    vals = symmetricEigenvalues(activeCovariance(images, n, MNIST_PIXELS, mean, active), pa);
  }
  const top = vals[vals.length - 1];
  const out: number[] = [];
  for (let i = vals.length - 1; i >= 0 && out.length < n - 1; i--) if (vals[i] > 1e-9 * top) out.push(vals[i]);
  return Float64Array.from(out);
}
