/**
 * Pruning (the verifier) of the MNIST experiment (El Firdoussi et al., eq. (5) and Figure 7): knowing
 * which synthetic labels are correct, keep the first ⌊φ·#correct⌋ correctly labelled and the first
 * ⌊ρ·#wrong⌋ wrongly labelled images — exact counts rather than Bernoulli(φ)/Bernoulli(ρ) draws.
 *
 * Counts are taken per class (per true class k of the synthetic images): taking "the first" over the
 * whole class-ordered synthetic set would drop whole classes. Floors as in ./label-noise.ts.
 * Oracle supervision is (ρ, φ) = (0, 1), no supervision (1, 1).
 */
import { MNIST_CLASSES } from './data';
import { shareCount } from './label-noise';

/** Which synthetic images are kept, and how many of each kind. */
export interface PruneResult {
  /** 1 = kept, 0 = pruned, per image. */
  keep: Uint8Array;
  keptCorrect: number;
  keptWrong: number;
  correct: number;
  wrong: number;
}

/**
 * Pruning mask for synthetic images with true classes `trueLabels` and given labels `labels`:
 * per class, the first ⌊φ·#correct_k⌋ images with labels[i] = trueLabels[i] and the first
 * ⌊ρ·#wrong_k⌋ others are kept.
 */
export function pruneSynthetic(
  trueLabels: ArrayLike<number>,
  labels: ArrayLike<number>,
  rho: number,
  phi: number,
  classes = MNIST_CLASSES,
): PruneResult {
  if (!(rho >= 0 && rho <= 1)) throw new RangeError(`rho (ρ) must be in [0, 1], got ${rho}`);
  if (!(phi >= 0 && phi <= 1)) throw new RangeError(`phi (φ) must be in [0, 1], got ${phi}`);
  if (labels.length !== trueLabels.length) {
    throw new RangeError(`labels has length ${labels.length} but trueLabels has length ${trueLabels.length}`);
  }
  const nc = new Int32Array(classes), nw = new Int32Array(classes);
  for (let i = 0; i < trueLabels.length; i++) {
    const k = trueLabels[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes) throw new RangeError(`trueLabels[${i}] must be a class 0..${classes - 1}, got ${k}`);
    if (labels[i] === k) nc[k]++;
    else nw[k]++;
  }
  const keepC = Array.from(nc, (c) => shareCount(phi, c, 'phi (φ)'));
  const keepW = Array.from(nw, (w) => shareCount(rho, w, 'rho (ρ)'));
  const seenC = new Int32Array(classes), seenW = new Int32Array(classes);
  const keep = new Uint8Array(trueLabels.length);
  let keptCorrect = 0, keptWrong = 0, correct = 0, wrong = 0;
  for (let i = 0; i < trueLabels.length; i++) {
    const k = trueLabels[i];
    if (labels[i] === k) {
      correct++;
      if (seenC[k]++ < keepC[k]) {
        keep[i] = 1;
        keptCorrect++;
      }
    } else {
      wrong++;
      if (seenW[k]++ < keepW[k]) {
        keep[i] = 1;
        keptWrong++;
      }
    }
  }
  return { keep, keptCorrect, keptWrong, correct, wrong };
}
