/**
 * MNIST digits as plain typed arrays, and the training set grouped by class (El Firdoussi et al.,
 * §5 / Figures 5 and 7; spec figures.md, Figure 7).
 *
 * Pixels are raw grey levels 0–255 (the paper's scale, for the generator and the network alike).
 * Images are stored sample-major: image i occupies [i·784, (i+1)·784), row-major 28×28.
 *
 * `mnistSplit(train, test)` keeps the 10,000 test images as they are and groups the 60,000 training
 * images by class, in training-file order within each class (a stable grouping). The paper's
 * selection rules then read directly: "the first n images of class k" (the real training data) and
 * "the first n_use images of class k" (the generator's statistics) are the first images of class k's
 * block. No image is drawn at random: only the network's initialisation, the batch order and the
 * synthetic images depend on the seed.
 */

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

/** The test set as given, and the training set grouped by class (file order within a class). */
export interface MnistSplit {
  test: MnistDigits;
  /** The training images, class 0's first (in file order), then class 1's, … */
  pool: MnistDigits;
  /** Start of each class in `pool` (length 11: class k is [poolStart[k], poolStart[k+1])). */
  poolStart: Int32Array;
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
 * The training set grouped by class (file order kept within a class) and the test set unchanged.
 * Throws if a class has fewer than two training images (a covariance needs two).
 */
export function mnistSplit(train: MnistDigits, test: MnistDigits): MnistSplit {
  checkDigits(train, 'train');
  checkDigits(test, 'test');
  if (test.count < 1) throw new RangeError('test must hold at least one image');
  const order: number[] = [];
  const poolStart = new Int32Array(MNIST_CLASSES + 1);
  for (let k = 0; k < MNIST_CLASSES; k++) {
    const idx = classIndices(train, k);
    if (idx.length < 2) throw new RangeError(`class ${k} has ${idx.length} training images; at least 2 are needed`);
    poolStart[k] = order.length;
    for (const i of idx) order.push(i);
  }
  poolStart[MNIST_CLASSES] = order.length;
  return { test, pool: selectDigits(train, order), poolStart };
}

/** Number of training images of class k. */
export function poolClassSize(split: MnistSplit, k: number): number {
  return split.poolStart[k + 1] - split.poolStart[k];
}

/**
 * Class k's first `count` training images (all of them if `count` is omitted), count×784 grey
 * levels, as a view into the split (no copy).
 */
export function poolClassImages(split: MnistSplit, k: number, count?: number): Uint8Array {
  const size = poolClassSize(split, k);
  const c = count ?? size;
  if (!Number.isInteger(c) || c < 1 || c > size) throw new RangeError(`count must be an integer in 1..${size} (training images of class ${k}), got ${count}`);
  const start = split.poolStart[k] * MNIST_PIXELS;
  return split.pool.pixels.subarray(start, start + c * MNIST_PIXELS);
}
