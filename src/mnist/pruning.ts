/**
 * Pruning (the verifier) of the MNIST experiment (El Firdoussi et al., eq. (5) and Figure 7; spec
 * figures.md): knowing which synthetic labels are correct, keep the first ⌊φ·#correct⌋ correctly
 * labelled and the first ⌊ρ·#wrong⌋ wrongly labelled images — exact counts rather than
 * Bernoulli(φ)/Bernoulli(ρ) draws.
 *
 * Paper mode (the authors' code): the counts and "the first" are taken over ALL synthetic images
 * together, in array order — class 0's block, then class 1's, … So with φ < 1 the correctly
 * labelled images dropped are those of the last classes (strong supervision (ρ, φ) = (0.1, 0.9) at
 * m = 750, ε = 0.3 keeps 4,725 of 5,250: classes 0–8 whole, class 9 none), and the wrong images
 * kept are those of the first classes. `perClass` = true takes the counts within each true class
 * instead (the balanced variant). Floors as in ./label-noise.ts. Oracle supervision is
 * (ρ, φ) = (0, 1), no supervision (1, 1).
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
 * Pruning mask for synthetic images with true classes `trueLabels` and given labels `labels`: the
 * first ⌊φ·#correct⌋ images with labels[i] = trueLabels[i] and the first ⌊ρ·#wrong⌋ others are kept,
 * counted over the whole array (paper) or within each true class (`perClass`).
 */
export function pruneSynthetic(
  trueLabels: ArrayLike<number>,
  labels: ArrayLike<number>,
  rho: number,
  phi: number,
  classes = MNIST_CLASSES,
  perClass = false,
): PruneResult {
  if (!(rho >= 0 && rho <= 1)) throw new RangeError(`rho (ρ) must be in [0, 1], got ${rho}`);
  if (!(phi >= 0 && phi <= 1)) throw new RangeError(`phi (φ) must be in [0, 1], got ${phi}`);
  if (labels.length !== trueLabels.length) {
    throw new RangeError(`labels has length ${labels.length} but trueLabels has length ${trueLabels.length}`);
  }
  // Group g = the true class (perClass) or 0 (all together).
  const groups = perClass ? classes : 1;
  const nc = new Int32Array(groups), nw = new Int32Array(groups);
  for (let i = 0; i < trueLabels.length; i++) {
    const k = trueLabels[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes) throw new RangeError(`trueLabels[${i}] must be a class 0..${classes - 1}, got ${k}`);
    const g = perClass ? k : 0;
    if (labels[i] === k) nc[g]++;
    else nw[g]++;
  }
  const keepC = Array.from(nc, (c) => shareCount(phi, c, 'phi (φ)'));
  const keepW = Array.from(nw, (w) => shareCount(rho, w, 'rho (ρ)'));
  const seenC = new Int32Array(groups), seenW = new Int32Array(groups);
  const keep = new Uint8Array(trueLabels.length);
  let keptCorrect = 0, keptWrong = 0, correct = 0, wrong = 0;
  for (let i = 0; i < trueLabels.length; i++) {
    const k = trueLabels[i];
    const g = perClass ? k : 0;
    if (labels[i] === k) {
      correct++;
      if (seenC[g]++ < keepC[g]) {
        keep[i] = 1;
        keptCorrect++;
      }
    } else {
      wrong++;
      if (seenW[g]++ < keepW[g]) {
        keep[i] = 1;
        keptWrong++;
      }
    }
  }
  return { keep, keptCorrect, keptWrong, correct, wrong };
}
