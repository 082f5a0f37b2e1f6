/**
 * MNIST digits as plain typed arrays, and the fixed, seeded split into a held-out test set and a
 * training pool (El Firdoussi et al., §5 / Figures 5 and 7).
 *
 * Pixels are grey levels on the paper's 0–255 scale (the generator's μ̂_a and Ĉ_a are estimated on
 * that scale). Images are stored sample-major: image i occupies [i·784, (i+1)·784), row-major 28×28.
 *
 * The split: for each class k, the class's images are shuffled by `new Rng(splitSeed).substream(k)`;
 * the first `testPerClass` go to the test set, the rest (in that shuffled order) form the class's
 * training pool. No training ever sees a test image: the real training samples, and every
 * statistic of the generator (class means and covariances, "the first n_use images"), come from
 * the pool only. With the `mnist` package (10,000 digits, 863–1,135 per class) and the default
 * 200 per class held out, the test set has 2,000 balanced images and the pool the remaining 8,000.
 */
import { Rng } from '../random/rng';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** p = 28·28 pixels. */
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Ten digit classes 0..9. */
export const MNIST_CLASSES = 10;

/** A set of digits: `count` images of 784 grey levels in 0..255 and their labels 0..9. */
export interface MnistDigits {
  count: number;
  /** count×784 grey levels (0..255), sample-major. */
  pixels: Uint8Array;
  /** count labels in 0..9. */
  labels: Uint8Array;
}

/** The held-out test set and the training pool, both ordered class by class. */
export interface MnistSplit {
  test: MnistDigits;
  pool: MnistDigits;
  /** Start of each class in `pool` (length 11: class k is [poolStart[k], poolStart[k+1])). */
  poolStart: Int32Array;
  testPerClass: number;
  splitSeed: number;
}

/** Checks shapes and value ranges of a digit set; throws a RangeError naming the problem. */
export function checkDigits(d: MnistDigits, name = 'digits'): void {
  if (!Number.isInteger(d.count) || d.count < 0) throw new RangeError(`${name}.count must be an integer >= 0, got ${d.count}`);
  if (!(d.pixels instanceof Uint8Array) || d.pixels.length !== d.count * MNIST_PIXELS) {
    throw new RangeError(`${name}.pixels must be a Uint8Array of ${d.count}×${MNIST_PIXELS} grey levels, got length ${d.pixels?.length}`);
  }
  if (!(d.labels instanceof Uint8Array) || d.labels.length !== d.count) {
    throw new RangeError(`${name}.labels must be a Uint8Array of length ${d.count}, got length ${d.labels?.length}`);
  }
  for (let i = 0; i < d.count; i++) {
    if (d.labels[i] >= MNIST_CLASSES) throw new RangeError(`${name}.labels[${i}] must be a digit 0..9, got ${d.labels[i]}`);
  }
}

/** Indices of the images of class k, in order. */
export function classIndices(d: MnistDigits, k: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < d.count; i++) if (d.labels[i] === k) out.push(i);
  return Int32Array.from(out);
}

/** Number of images of each class (length 10). */
export function classCounts(d: MnistDigits): Int32Array {
  const c = new Int32Array(MNIST_CLASSES);
  for (let i = 0; i < d.count; i++) c[d.labels[i]]++;
  return c;
}

/** The digits at `indices`, in that order. */
export function selectDigits(d: MnistDigits, indices: ArrayLike<number>): MnistDigits {
  const count = indices.length;
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  for (let t = 0; t < count; t++) {
    const i = indices[t];
    if (!Number.isInteger(i) || i < 0 || i >= d.count) throw new RangeError(`index ${i} out of range 0..${d.count - 1}`);
    pixels.set(d.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), t * MNIST_PIXELS);
    labels[t] = d.labels[i];
  }
  return { count, pixels, labels };
}

/**
 * The fixed, seeded split: per class, `testPerClass` images held out for testing, the rest form the
 * training pool (see the module comment). Throws if a class has no more than `testPerClass` images.
 */
export function splitMnist(d: MnistDigits, testPerClass = 200, splitSeed = 0): MnistSplit {
  checkDigits(d);
  if (!Number.isInteger(testPerClass) || testPerClass < 1) {
    throw new RangeError(`testPerClass must be an integer >= 1, got ${testPerClass}`);
  }
  if (!Number.isFinite(splitSeed)) throw new RangeError(`splitSeed must be a finite number, got ${splitSeed}`);
  const base = new Rng(splitSeed);
  const testIdx: number[] = [];
  const poolIdx: number[] = [];
  const poolStart = new Int32Array(MNIST_CLASSES + 1);
  for (let k = 0; k < MNIST_CLASSES; k++) {
    const idx = classIndices(d, k);
    if (idx.length <= testPerClass) {
      throw new RangeError(`testPerClass = ${testPerClass} leaves no training images for class ${k} (it has ${idx.length}); allowed: 1..${idx.length - 1}`);
    }
    const perm = base.substream(k).permutation(idx.length);
    for (let t = 0; t < testPerClass; t++) testIdx.push(idx[perm[t]]);
    poolStart[k] = poolIdx.length;
    for (let t = testPerClass; t < idx.length; t++) poolIdx.push(idx[perm[t]]);
  }
  poolStart[MNIST_CLASSES] = poolIdx.length;
  return { test: selectDigits(d, testIdx), pool: selectDigits(d, poolIdx), poolStart, testPerClass, splitSeed };
}

/** Size of class k's training pool. */
export function poolClassSize(split: MnistSplit, k: number): number {
  return split.poolStart[k + 1] - split.poolStart[k];
}

/**
 * Class k's first `count` pool images (all of them if `count` is omitted) as a Float64Array
 * (count×784, 0–255 scale).
 */
export function poolClassImages(split: MnistSplit, k: number, count?: number): Float64Array {
  const size = poolClassSize(split, k);
  const c = count ?? size;
  if (!Number.isInteger(c) || c < 1 || c > size) throw new RangeError(`count must be an integer in 1..${size} (pool size of class ${k}), got ${count}`);
  const start = split.poolStart[k] * MNIST_PIXELS;
  return Float64Array.from(split.pool.pixels.subarray(start, start + c * MNIST_PIXELS));
}
