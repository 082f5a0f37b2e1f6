/**
 * The ridge classifier of El Firdoussi et al. (eq. (2)): trained on n real samples (X_r, y) and the
 * kept synthetic samples (X_s, ỹ, D_q),
 *
 *   w = ( (X_r X_rᵀ + X_s D_q X_sᵀ)/N + γ I_p )⁻¹ (X_r y + X_s D_q ỹ)/N,   N = n + m,
 *
 * where m counts ALL synthetic samples, kept or not (as in the paper). Equivalently
 * w = (S + NγI)⁻¹ t with S = X_r X_rᵀ + X_s D_q X_sᵀ and t = X_r y + X_s D_q ỹ, which is how it is
 * solved (Cholesky of the p×p matrix).
 */
import { checkDim, checkLength } from '../linalg/checks';
import { choleskyInPlace } from '../linalg/cholesky';
import { matVec, weightedGram } from '../linalg/kernels';
import { solveWithCholesky } from '../linalg/spd';
import { checkPositive } from '../stats/validators';

/** Labelled samples for the classifier: X p×count column-major, labels ±1, optional 0/1 mask. */
export interface TrainingBlock {
  x: Float64Array;
  labels: ArrayLike<number>;
  count: number;
  /** per-sample weights: the pruning mask q (D_q), times the mixing weight β if any; all 1 when omitted */
  mask?: ArrayLike<number>;
}

/** w = (S + NγI)⁻¹ t from S (p×p row-major, lower half read) and t; N = n + m. S is not modified. */
export function ridgeFromMoments(s: ArrayLike<number>, t: ArrayLike<number>, p: number, bigN: number, gamma: number): Float64Array {
  checkDim('p', p, 1);
  checkDim('N', bigN, 1);
  checkPositive('gamma', gamma);
  checkLength('S', s, p * p, `${p}×${p}`);
  checkLength('t', t, p, `${p}`);
  const a = Float64Array.from(s as ArrayLike<number>);
  const ng = bigN * gamma;
  for (let i = 0; i < p; i++) a[i * p + i] += ng;
  choleskyInPlace(a, p);
  return solveWithCholesky(a, p, t);
}

/**
 * The ridge classifier w from real samples and synthetic samples (masked by D_q), with N = n + m
 * (m = all synthetic samples, `synthetic.count`, whatever the mask).
 */
export function ridgeClassifier(real: TrainingBlock, synthetic: TrainingBlock | null, p: number, gamma: number): Float64Array {
  checkDim('p', p, 1);
  const blocks = synthetic ? [real, synthetic] : [real];
  const s = new Float64Array(p * p);
  const t = new Float64Array(p);
  let bigN = 0;
  for (const b of blocks) {
    checkDim('count', b.count);
    checkLength('x', b.x, p * b.count, `${p}×${b.count}`);
    checkLength('labels', b.labels, b.count, `${b.count}`);
    if (b.mask) checkLength('mask', b.mask, b.count, `${b.count}`);
    bigN += b.count;
    if (b.count === 0) continue;
    weightedGram(b.x, p, b.count, b.mask ?? null, s, true);
    const v = new Float64Array(b.count);
    for (let j = 0; j < b.count; j++) v[j] = b.mask ? b.mask[j] * b.labels[j] : b.labels[j];
    const tb = matVec(b.x, p, b.count, v);
    for (let i = 0; i < p; i++) t[i] += tb[i];
  }
  if (bigN === 0) throw new RangeError('the classifier needs N = n + m >= 1 training samples, got 0');
  return ridgeFromMoments(s, t, p, bigN, gamma);
}
