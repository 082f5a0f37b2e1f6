/**
 * Test accuracy of a linear classifier sign(wᵀx).
 *
 * Signed accuracy: the fraction of test samples with sign(wᵀx) = y; it drops below 1/2 past the
 * label-noise phase transition. Symmetric accuracy: max(acc, 1 − acc), what the reference code
 * reports. A tie wᵀx = 0 (probability zero unless w = 0) counts as half right (a fair coin), so the
 * degenerate w = 0 has accuracy 1/2 both empirically and exactly.
 *
 * For a Gaussian test sample x = yμ + z, z ~ N(0, I_p), y·wᵀx = wᵀμ + y·wᵀz with y·wᵀz ~ N(0, ‖w‖²)
 * whatever y is, so given w the accuracy is exactly Φ(wᵀμ/‖w‖), and the number of correct
 * decisions on T independent test samples is Binomial(T, Φ(wᵀμ/‖w‖)).
 */
import { normalCdf } from '../stats/normal-cdf';
import { checkDim, checkLength } from '../linalg/checks';

export interface Accuracy {
  /** signed accuracy: fraction with sign(wᵀx) = y */
  accuracy: number;
  /** max(accuracy, 1 − accuracy) */
  accuracySymmetric: number;
}

/** max(a, 1 − a). */
export function symmetricAccuracy(a: number): number {
  return Math.max(a, 1 - a);
}

/** Empirical accuracy of sign(wᵀx) on a test set X (p×n column-major) with labels y. */
export function empiricalAccuracy(w: ArrayLike<number>, x: Float64Array, y: ArrayLike<number>, p: number, n: number): Accuracy {
  checkDim('p', p, 1);
  checkDim('n (test samples)', n, 1);
  checkLength('w', w, p, `${p}`);
  checkLength('X', x, p * n, `${p}×${n}`);
  checkLength('y', y, n, `${n}`);
  let correct = 0;
  for (let j = 0; j < n; j++) {
    const o = j * p;
    let g = 0;
    for (let i = 0; i < p; i++) g += w[i] * x[o + i];
    const sg = g * y[j];
    if (sg > 0) correct += 1;
    else if (sg === 0) correct += 0.5;
  }
  const accuracy = correct / n;
  return { accuracy, accuracySymmetric: symmetricAccuracy(accuracy) };
}

/** The exact accuracy Φ(wᵀμ/‖w‖) of sign(wᵀx) on the Gaussian mixture x = yμ + z (1/2 if w = 0). */
export function gaussianAccuracy(w: ArrayLike<number>, mu: ArrayLike<number>): Accuracy & { wMu: number; wNorm: number } {
  checkLength('w', w, mu.length, `${mu.length}`);
  let wMu = 0, ww = 0;
  for (let i = 0; i < mu.length; i++) {
    wMu += w[i] * mu[i];
    ww += w[i] * w[i];
  }
  const wNorm = Math.sqrt(ww);
  const accuracy = wNorm > 0 ? normalCdf(wMu / wNorm) : 0.5;
  return { accuracy, accuracySymmetric: symmetricAccuracy(accuracy), wMu, wNorm };
}
