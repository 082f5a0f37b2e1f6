/**
 * One training of Figure 7 (El Firdoussi et al.; spec figures.md, Figure 7, the authors' protocol):
 * the first n real images of each class plus m synthetic images per class from the class-wise
 * Gaussian generator, label noise ε on the last ⌊εm⌋ of each class's block, pruning (ρ, φ) over all
 * synthetic images together; a 784–128–10 network and the ridge classifier trained on the result and
 * tested on the 10,000 test images.
 *
 * Random streams, from `root = new Rng(seed).substream(seedIndex)` (the seed controls the synthetic
 * images, the initialisation and the batch order; the real images are fixed by the protocol):
 * - root.substream(1 + k): class k's synthetic images, drawn one after the other, so the m = 25 set
 *   is the first 25 images of the m = 750 set, and the series sharing a generator (oracle, strong,
 *   none and "best" all use the statistics of all images) see the same images and differ only in
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
import { classificationAccuracy, initMlp, mlpPredict } from './model';
import type { SgdSettings } from './schedule';
import { trainMlp } from './training';
import { fitRidgeClassifier, ridgePredict } from './ridge';

/** The generator's statistics: the first n_use images of each class (0 = all), or identity. */
export type GeneratorSpec = { kind: 'estimated'; nUse: number } | { kind: 'identity' };

/** What the models see: 'raw' grey levels 0–255 (paper), or 'unit' = grey level/255 (variant). */
export type InputScale = 'raw' | 'unit';

/** The multiplier of an input scale. */
export function inputScaleFactor(s: InputScale): number {
  if (s === 'raw') return 1;
  if (s === 'unit') return 1 / 255;
  throw new RangeError(`inputs must be 'raw' (0–255, the paper) or 'unit' (/255), got ${JSON.stringify(s)}`);
}

/** Settings shared by every training of a Figure 7 run. */
export interface TrainingSettings {
  /** Real images per class (n): the first n of each class. */
  n: number;
  /** Hidden units (128). */
  hidden: number;
  sgd: SgdSettings;
  /** Ridge penalty γ of the second model, on the [0, 1] pixel scale (rescaled for raw inputs). */
  ridgeGamma: number;
  /** Input scale of both models. */
  inputs: InputScale;
  /** Pruning counts over all synthetic images (false, paper) or within each class (true). */
  prunePerClass: boolean;
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
  /** Test images. */
  testSize: number;
}

function checkShare(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
}

/** Checks a job's parameters against the data, naming the bad one. */
export function checkTrainingJob(split: MnistSplit, job: TrainingJob): void {
  const { settings: st } = job;
  if (!Number.isFinite(job.seed)) throw new RangeError(`seed must be a finite number, got ${job.seed}`);
  if (!Number.isInteger(job.seedIndex) || job.seedIndex < 0) throw new RangeError(`seedIndex must be an integer >= 0, got ${job.seedIndex}`);
  if (!Number.isInteger(job.m) || job.m < 0) throw new RangeError(`m (synthetic images per class) must be an integer >= 0, got ${job.m}`);
  checkShare('epsilon (ε)', job.epsilon);
  checkShare('rho (ρ)', job.rho);
  checkShare('phi (φ)', job.phi);
  let minClass = Infinity;
  for (let k = 0; k < MNIST_CLASSES; k++) minClass = Math.min(minClass, poolClassSize(split, k));
  if (!Number.isInteger(st.n) || st.n < 1 || st.n > minClass) {
    throw new RangeError(`n (real images per class) must be an integer in 1..${minClass} (the smallest class), got ${st.n}`);
  }
  if (!Number.isInteger(st.hidden) || st.hidden < 1) throw new RangeError(`hidden must be an integer >= 1, got ${st.hidden}`);
  if (!(st.ridgeGamma > 0 && Number.isFinite(st.ridgeGamma))) throw new RangeError(`ridgeGamma (γ) must be a finite number > 0, got ${st.ridgeGamma}`);
  inputScaleFactor(st.inputs);
  if (typeof st.prunePerClass !== 'boolean') throw new RangeError(`prunePerClass must be true or false, got ${String(st.prunePerClass)}`);
  const g = job.generator;
  if (g.kind === 'estimated') {
    if (!Number.isInteger(g.nUse) || g.nUse === 1 || g.nUse < 0) {
      throw new RangeError(`nUse (n_use) must be 0 (all images of the class) or an integer >= 2, got ${g.nUse}`);
    }
  } else if (g.kind !== 'identity') {
    throw new RangeError(`generator.kind must be 'estimated' or 'identity', got ${(g as { kind: unknown }).kind}`);
  }
}

/**
 * The class-k generator of a spec: N(μ̂, Ĉ) (clipped at 0) from the first min(n_use, N_k) training
 * images of class k (n_use = 0: all N_k of them), or N(μ̂, I) (not clipped) with μ̂ from all of them.
 */
export function classGenerator(split: MnistSplit, k: number, g: GeneratorSpec): ClassGaussian {
  const size = poolClassSize(split, k);
  if (g.kind === 'identity') return fitClassMeanOnly(poolClassImages(split, k), size);
  const nUse = g.nUse === 0 ? size : Math.min(g.nUse, size);
  return fitClassGaussian(poolClassImages(split, k, nUse), nUse, nUse);
}

/** The test set as model inputs at the given scale. */
export function testInputs(test: MnistDigits, inputs: InputScale = 'raw'): SparseRows {
  return toSparseRows(test.pixels, test.count, MNIST_PIXELS, inputScaleFactor(inputs));
}

/**
 * The generators and synthetic images already drawn from each (seed, seedIndex, generator, class)
 * stream, with the stream's state, so a later job of the same stream reuses them and draws only what
 * is missing. The images are the very numbers a fresh draw gives (same stream, same order): results
 * do not depend on what was cached. A job runner keeps one per thread (src/data/mnist-tasks.ts); at
 * most `maxStreams` streams are kept (the oldest is dropped); fitted generators are kept separately
 * (at most `maxGenerators`), as fitting the "all images" covariance is the expensive part.
 */
export class SyntheticStreams {
  private readonly entries = new Map<string, { gen: ClassGaussian; rng: Rng; images: Float64Array; count: number }>();
  private readonly generators = new Map<string, ClassGaussian>();

  constructor(readonly maxStreams = 10, readonly maxGenerators = 40) {
    if (!Number.isInteger(maxStreams) || maxStreams < 1) throw new RangeError(`maxStreams must be an integer >= 1, got ${maxStreams}`);
    if (!Number.isInteger(maxGenerators) || maxGenerators < 1) throw new RangeError(`maxGenerators must be an integer >= 1, got ${maxGenerators}`);
  }

  /** The generator `key`, fitted by `fit` on first use. */
  generator(key: string, fit: () => ClassGaussian): ClassGaussian {
    let g = this.generators.get(key);
    if (!g) {
      g = fit();
      if (this.generators.size >= this.maxGenerators) this.generators.delete(this.generators.keys().next().value as string);
      this.generators.set(key, g);
    }
    return g;
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

/**
 * The synthetic labels and pruning mask of m images per class (class blocks 0..9 in order): label
 * noise on the last ⌊εm⌋ of each block (./label-noise.ts), then pruning over all of them
 * (./pruning.ts; per class if `perClass`).
 */
export function syntheticDesign(
  m: number, epsilon: number, rho: number, phi: number, perClass = false,
): { truth: Uint8Array; labels: Uint8Array; keep: Uint8Array; keptCorrect: number; keptWrong: number } {
  const truth = new Uint8Array(MNIST_CLASSES * m);
  for (let k = 0; k < MNIST_CLASSES; k++) truth.fill(k, k * m, (k + 1) * m);
  const labels = applyLabelNoise(truth, epsilon);
  const r = pruneSynthetic(truth, labels, rho, phi, MNIST_CLASSES, perClass);
  return { truth, labels, keep: r.keep, keptCorrect: r.keptCorrect, keptWrong: r.keptWrong };
}

/** Builds the training set of a job: the first n images of each class, then the kept synthetic images. */
export function buildTrainingSet(
  split: MnistSplit,
  job: TrainingJob,
  streams: SyntheticStreams = new SyntheticStreams(1, 1),
): { x: SparseRows; labels: Uint8Array; keptCorrect: number; keptWrong: number } {
  checkTrainingJob(split, job);
  const root = new Rng(job.seed).substream(job.seedIndex);
  const { n } = job.settings;
  const m = job.m;
  const builder = new SparseRowsBuilder(MNIST_PIXELS, inputScaleFactor(job.settings.inputs), 10 * (n + m) * 300);
  const labels: number[] = [];
  const pix = split.pool.pixels;
  for (let k = 0; k < MNIST_CLASSES; k++) {
    for (let t = 0; t < n; t++) {
      builder.push(pix, (split.poolStart[k] + t) * MNIST_PIXELS);
      labels.push(k);
    }
  }
  let keptCorrect = 0, keptWrong = 0;
  if (m > 0) {
    const d = syntheticDesign(m, job.epsilon, job.rho, job.phi, job.settings.prunePerClass);
    keptCorrect = d.keptCorrect;
    keptWrong = d.keptWrong;
    const g = job.generator;
    const gname = g.kind === 'identity' ? 'identity' : String(g.nUse);
    for (let k = 0; k < MNIST_CLASSES; k++) {
      const o = k * m;
      let last = m;
      while (last > 0 && d.keep[o + last - 1] === 0) last--;
      if (last === 0) continue;
      // Draw only as far as the last kept image of the class: later draws would be discarded, and
      // the stream of the first images is the same, so the sets of different m stay nested.
      const key = `${job.seed}/${job.seedIndex}|${gname}|${k}`;
      const x = streams.images(key, last, () => ({
        gen: streams.generator(`${gname}|${k}`, () => classGenerator(split, k, g)),
        rng: root.substream(1 + k),
      }));
      for (let i = 0; i < last; i++) {
        if (d.keep[o + i] === 0) continue;
        builder.push(x, i * MNIST_PIXELS);
        labels.push(d.labels[o + i]);
      }
    }
  }
  return { x: builder.build(), labels: Uint8Array.from(labels), keptCorrect, keptWrong };
}

/** Runs one training job: builds the data, trains and tests both models. */
export function runTrainingJob(
  split: MnistSplit,
  job: TrainingJob,
  test: SparseRows = testInputs(split.test, job.settings.inputs),
  streams?: SyntheticStreams,
): TrainingResult {
  const data = buildTrainingSet(split, job, streams);
  if (test.count !== split.test.count) throw new RangeError(`test inputs have ${test.count} rows but the test set has ${split.test.count} images`);
  const root = new Rng(job.seed).substream(job.seedIndex);
  const netRng = root.substream(11);
  const net = initMlp(MNIST_PIXELS, job.settings.hidden, MNIST_CLASSES, netRng);
  const trace = trainMlp(net, data.x, data.labels, job.settings.sgd, netRng);
  const networkAccuracy = classificationAccuracy(mlpPredict(net, test), split.test.labels);
  // γ is on the [0, 1] pixel scale: on inputs x = f·g (g the grey levels) the penalty γ·(255 f)² gives
  // the same classifier (W scales by 1/(255 f)), so raw and unit inputs give the same ridge predictions.
  const f255 = 255 * inputScaleFactor(job.settings.inputs);
  const ridge = fitRidgeClassifier(data.x, data.labels, job.settings.ridgeGamma * f255 * f255, MNIST_CLASSES);
  const ridgeAccuracy = classificationAccuracy(ridgePredict(ridge, test), split.test.labels);
  return {
    networkAccuracy,
    ridgeAccuracy,
    trainSize: data.x.count,
    keptCorrect: data.keptCorrect,
    keptWrong: data.keptWrong,
    initialLoss: trace.initialLoss,
    finalLoss: trace.finalLoss,
    testSize: split.test.count,
  };
}
