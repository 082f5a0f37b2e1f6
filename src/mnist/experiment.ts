/**
 * One training of Figure 7 (El Firdoussi et al.): n real images per class plus m synthetic images
 * per class from the class-wise Gaussian generator, label noise ε, pruning (ρ, φ); a 784–128–10
 * network and the ridge classifier trained on the result and tested on the held-out split.
 *
 * Random streams, from `root = new Rng(seed).substream(seedIndex)`:
 * - root.substream(0): the n real images of each class (a random n of the class's training pool);
 * - root.substream(1 + k): class k's synthetic images, drawn one after the other, so the m = 25 set
 *   is the first 25 images of the m = 750 set, and the series sharing a generator (oracle, strong,
 *   none and "best" all use the statistics of the whole pool) see the same images and differ only in
 *   labels and pruning (common random numbers: the curves' differences are less noisy);
 * - root.substream(11): the network's initialisation and batch order.
 * With m = 0 every series trains on the same data with the same network stream, so the real-only
 * point is one training shared by all series (the published CSV, too, has one value at m = 0).
 */
import { Rng } from '../random/rng';
import { MNIST_CLASSES, MNIST_PIXELS, poolClassImages, poolClassSize, type MnistDigits, type MnistSplit } from './data';
import { fitClassGaussian, fitClassMeanOnly, sampleClassGaussianInto, type ClassGaussian } from './generator';
import { SparseRowsBuilder, toSparseRows, type SparseRows } from './inputs';
import { applyLabelNoise } from './label-noise';
import { pruneSynthetic } from './pruning';
import { classificationAccuracy, initMlp, mlpPredict, trainMlp, type SgdSettings } from './network';
import { fitRidgeClassifier, ridgePredict } from './ridge';

/** The generator's statistics: the first n_use pool images of each class (0 = all), or identity. */
export type GeneratorSpec = { kind: 'estimated'; nUse: number } | { kind: 'identity' };

/** Settings shared by every training of a Figure 7 run. */
export interface TrainingSettings {
  /** Real images per class (n). */
  n: number;
  /** Hidden units (128). */
  hidden: number;
  sgd: SgdSettings;
  /** Ridge penalty γ of the second model. */
  ridgeGamma: number;
}

/** One training: which synthetic data, and the random stream. */
export interface TrainingJob {
  seed: number;
  seedIndex: number;
  /** Synthetic images per class before pruning (m). */
  m: number;
  epsilon: number;
  rho: number;
  phi: number;
  generator: GeneratorSpec;
  settings: TrainingSettings;
}

export interface TrainingResult {
  /** Test accuracy (share) of the network and of the ridge classifier. */
  networkAccuracy: number;
  ridgeAccuracy: number;
  /** Training set size: real + kept synthetic. */
  trainSize: number;
  keptCorrect: number;
  keptWrong: number;
  /** Mean batch cross-entropy of the first and last 100 steps. */
  initialLoss: number;
  finalLoss: number;
}

function checkShare(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
}

/** Checks a job's parameters against the split, naming the bad one. */
export function checkTrainingJob(split: MnistSplit, job: TrainingJob): void {
  const { settings: st } = job;
  if (!Number.isFinite(job.seed)) throw new RangeError(`seed must be a finite number, got ${job.seed}`);
  if (!Number.isInteger(job.seedIndex) || job.seedIndex < 0) throw new RangeError(`seedIndex must be an integer >= 0, got ${job.seedIndex}`);
  if (!Number.isInteger(job.m) || job.m < 0) throw new RangeError(`m (synthetic images per class) must be an integer >= 0, got ${job.m}`);
  checkShare('epsilon (ε)', job.epsilon);
  checkShare('rho (ρ)', job.rho);
  checkShare('phi (φ)', job.phi);
  let minPool = Infinity;
  for (let k = 0; k < MNIST_CLASSES; k++) minPool = Math.min(minPool, poolClassSize(split, k));
  if (!Number.isInteger(st.n) || st.n < 1 || st.n > minPool) {
    throw new RangeError(`n (real images per class) must be an integer in 1..${minPool} (the smallest class pool), got ${st.n}`);
  }
  if (!Number.isInteger(st.hidden) || st.hidden < 1) throw new RangeError(`hidden must be an integer >= 1, got ${st.hidden}`);
  if (!(st.ridgeGamma > 0 && Number.isFinite(st.ridgeGamma))) throw new RangeError(`ridgeGamma (γ) must be a finite number > 0, got ${st.ridgeGamma}`);
  const g = job.generator;
  if (g.kind === 'estimated') {
    if (!Number.isInteger(g.nUse) || g.nUse === 1 || g.nUse < 0) {
      throw new RangeError(`nUse (n_use) must be 0 (all pool images) or an integer >= 2, got ${g.nUse}`);
    }
  } else if (g.kind !== 'identity') {
    throw new RangeError(`generator.kind must be 'estimated' or 'identity', got ${(g as { kind: unknown }).kind}`);
  }
}

/**
 * The class-k generator of a spec: N(μ̂, Ĉ) from the first min(n_use, pool size) pool images
 * (n_use = 0: all of them), or N(μ̂, I) with μ̂ from the whole pool.
 */
export function classGenerator(split: MnistSplit, k: number, g: GeneratorSpec): ClassGaussian {
  const size = poolClassSize(split, k);
  if (g.kind === 'identity') return fitClassMeanOnly(poolClassImages(split, k), size);
  const nUse = g.nUse === 0 ? size : Math.min(g.nUse, size);
  return fitClassGaussian(poolClassImages(split, k, nUse), nUse, nUse);
}

/** The test set as network inputs (pixels/255). */
export function testInputs(test: MnistDigits): SparseRows {
  return toSparseRows(test.pixels, test.count, MNIST_PIXELS, 1 / 255);
}

/**
 * The synthetic images already drawn from each (seed, seedIndex, generator, class) stream, with the
 * stream's state, so a later job of the same stream reuses them and draws only what is missing.
 * The images are the very numbers a fresh draw gives (same stream, same order): results do not
 * depend on what was cached. A job runner keeps one per thread (src/data/mnist-tasks.ts); at most
 * `maxStreams` streams are kept (the oldest is dropped).
 */
export class SyntheticStreams {
  private readonly entries = new Map<string, { gen: ClassGaussian; rng: Rng; images: Float64Array; count: number }>();

  constructor(readonly maxStreams = 10) {
    if (!Number.isInteger(maxStreams) || maxStreams < 1) throw new RangeError(`maxStreams must be an integer >= 1, got ${maxStreams}`);
  }

  /** The first `count` images (count×784) of the stream `key`, drawing the missing ones. */
  images(key: string, count: number, fresh: () => { gen: ClassGaussian; rng: Rng }): Float64Array {
    let e = this.entries.get(key);
    if (!e) {
      const f = fresh();
      e = { gen: f.gen, rng: f.rng, images: new Float64Array(0), count: 0 };
      if (this.entries.size >= this.maxStreams) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, e);
    }
    if (count > e.count) {
      const grown = new Float64Array(count * MNIST_PIXELS);
      grown.set(e.images.subarray(0, e.count * MNIST_PIXELS));
      sampleClassGaussianInto(e.gen, e.rng, count - e.count, grown, e.count * MNIST_PIXELS);
      e.images = grown;
      e.count = count;
    }
    return e.images.subarray(0, count * MNIST_PIXELS);
  }
}

/** Builds the training set of a job: real images, then each class's kept synthetic images. */
export function buildTrainingSet(
  split: MnistSplit,
  job: TrainingJob,
  streams: SyntheticStreams = new SyntheticStreams(1),
): { x: SparseRows; labels: Uint8Array; keptCorrect: number; keptWrong: number } {
  checkTrainingJob(split, job);
  const root = new Rng(job.seed).substream(job.seedIndex);
  const realRng = root.substream(0);
  const { n } = job.settings;
  const m = job.m;
  const builder = new SparseRowsBuilder(MNIST_PIXELS, 1 / 255, 10 * (n + m) * 300);
  const labels: number[] = [];
  const pix = split.pool.pixels;
  for (let k = 0; k < MNIST_CLASSES; k++) {
    const perm = realRng.permutation(poolClassSize(split, k));
    for (let t = 0; t < n; t++) {
      builder.push(pix, (split.poolStart[k] + perm[t]) * MNIST_PIXELS);
      labels.push(k);
    }
  }
  let keptCorrect = 0, keptWrong = 0;
  if (m > 0) {
    // Exact counts per class (./label-noise.ts, ./pruning.ts): the first ⌊εm⌋ images of a class are
    // mislabelled; of those the first ⌊ρ·#wrong⌋ are kept, of the others the first ⌊φ·#correct⌋.
    for (let k = 0; k < MNIST_CLASSES; k++) {
      const truth = new Uint8Array(m).fill(k);
      const noisy = applyLabelNoise(truth, job.epsilon);
      const { keep } = pruneSynthetic(truth, noisy, job.rho, job.phi);
      let last = m;
      while (last > 0 && keep[last - 1] === 0) last--;
      if (last === 0) continue;
      // Draw only as far as the last kept image: later draws would be discarded, and the stream of
      // the first images is the same, so the sets of different m stay nested.
      const g = job.generator;
      const key = `${split.testPerClass}/${split.splitSeed}|${job.seed}/${job.seedIndex}|${g.kind === 'identity' ? 'identity' : g.nUse}|${k}`;
      const x = streams.images(key, last, () => ({ gen: classGenerator(split, k, g), rng: root.substream(1 + k) }));
      for (let i = 0; i < last; i++) {
        if (keep[i] === 0) continue;
        builder.push(x, i * MNIST_PIXELS);
        labels.push(noisy[i]);
        if (noisy[i] === k) keptCorrect++;
        else keptWrong++;
      }
    }
  }
  return { x: builder.build(), labels: Uint8Array.from(labels), keptCorrect, keptWrong };
}

/** Runs one training job: builds the data, trains and tests both models. */
export function runTrainingJob(
  split: MnistSplit,
  job: TrainingJob,
  test: SparseRows = testInputs(split.test),
  streams?: SyntheticStreams,
): TrainingResult {
  const data = buildTrainingSet(split, job, streams);
  const root = new Rng(job.seed).substream(job.seedIndex);
  const netRng = root.substream(11);
  const net = initMlp(MNIST_PIXELS, job.settings.hidden, MNIST_CLASSES, netRng);
  const trace = trainMlp(net, data.x, data.labels, job.settings.sgd, netRng);
  const networkAccuracy = classificationAccuracy(mlpPredict(net, test), split.test.labels);
  const ridge = fitRidgeClassifier(data.x, data.labels, job.settings.ridgeGamma, MNIST_CLASSES);
  const ridgeAccuracy = classificationAccuracy(ridgePredict(ridge, test), split.test.labels);
  return {
    networkAccuracy,
    ridgeAccuracy,
    trainSize: data.x.count,
    keptCorrect: data.keptCorrect,
    keptWrong: data.keptWrong,
    initialLoss: trace.initialLoss,
    finalLoss: trace.finalLoss,
  };
}
