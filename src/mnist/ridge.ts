/**
 * The ridge classifier of the theory (El Firdoussi et al., eq. (3); ../../shared spec: theory.md),
 * made multi-class one-vs-rest for the ten digits:
 *
 *   W = ( XᵀX/N + γ I_p )⁻¹ XᵀY/N,   Y_ik = +1 if image i has label k, −1 otherwise,
 *
 * X the N×p matrix of training inputs (real and kept synthetic images alike, no intercept, as in
 * the theory; the caller rescales γ with the input scale, see ./experiment.ts), and the prediction
 * argmax_k (Wᵀx)_k. (With ±1 targets the argmax is
 * the same as with one-hot targets: the two W differ by a column common to all classes.)
 *
 * XᵀX is accumulated from sparse rows (O(nnz²) per image); the p×p system is solved by Cholesky
 * (../linalg, flat Float64Array), which exists since γ > 0.
 */
import { choleskyInPlace } from '../linalg/cholesky';
import { solveWithCholesky } from '../linalg/spd';
import type { SparseRows } from './inputs';

/** A fitted one-vs-rest ridge classifier: weights p×classes, column k at [k·p, (k+1)·p). */
export interface RidgeClassifier {
  p: number;
  classes: number;
  gamma: number;
  weights: Float64Array;
}

/** Fits the ridge classifier with penalty γ > 0 on (x, labels). */
export function fitRidgeClassifier(x: SparseRows, labels: ArrayLike<number>, gamma: number, classes = 10): RidgeClassifier {
  if (!(gamma > 0 && Number.isFinite(gamma))) throw new RangeError(`gamma (γ) must be a finite number > 0, got ${gamma}`);
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer >= 2, got ${classes}`);
  const N = x.count, p = x.p;
  if (N < 1) throw new RangeError('the training set is empty');
  if (labels.length !== N) throw new RangeError(`labels has length ${labels.length} but there are ${N} inputs`);
  const { rowPtr, cols, vals } = x;
  // A = XᵀX (lower half), B = XᵀY (p×classes, row-major).
  const a = new Float64Array(p * p);
  const b = new Float64Array(p * classes);
  const dense = new Float64Array(p);
  for (let i = 0; i < N; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new RangeError(`labels[${i}] must be a class 0..${classes - 1}, got ${y}`);
    const s = rowPtr[i], e = rowPtr[i + 1];
    if (4 * (e - s) > p) {
      // A fairly dense row (e.g. the noise of N(μ̂, I) images): contiguous rank-one update of the
      // lower rows A[j, 0..j] += x_j·x[0..j], faster than scattered writes although it visits zeros.
      for (let u = s; u < e; u++) dense[cols[u]] = vals[u];
      for (let u = s; u < e; u++) {
        const ju = cols[u], vu = vals[u], r = ju * p;
        for (let c = 0; c <= ju; c++) a[r + c] += vu * dense[c];
      }
      for (let u = s; u < e; u++) dense[cols[u]] = 0;
    } else {
      for (let u = s; u < e; u++) {
        const ju = cols[u], vu = vals[u], r = ju * p;
        // cols are increasing within a row: (ju, jv) with v ≤ u is in the lower half.
        for (let v = s; v <= u; v++) a[r + cols[v]] += vu * vals[v];
      }
    }
    for (let u = s; u < e; u++) {
      const bo = cols[u] * classes, vu = vals[u];
      for (let k = 0; k < classes; k++) b[bo + k] -= vu;
      b[bo + y] += 2 * vu;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) a[i * p + j] /= N;
    a[i * p + i] += gamma;
  }
  choleskyInPlace(a, p);
  const weights = new Float64Array(p * classes);
  const rhs = new Float64Array(p);
  const sol = new Float64Array(p);
  for (let k = 0; k < classes; k++) {
    for (let j = 0; j < p; j++) rhs[j] = b[j * classes + k] / N;
    solveWithCholesky(a, p, rhs, sol);
    weights.set(sol, k * p);
  }
  return { p, classes, gamma, weights };
}

/** Decision values Wᵀx (count×classes, row-major) of every row of `x`. */
export function ridgeScores(model: RidgeClassifier, x: SparseRows): Float64Array {
  if (x.p !== model.p) throw new RangeError(`inputs have dimension ${x.p} but the classifier expects p = ${model.p}`);
  const K = model.classes, p = model.p, w = model.weights;
  const out = new Float64Array(x.count * K);
  for (let i = 0; i < x.count; i++) {
    for (let e = x.rowPtr[i]; e < x.rowPtr[i + 1]; e++) {
      const j = x.cols[e], v = x.vals[e];
      for (let k = 0; k < K; k++) out[i * K + k] += v * w[k * p + j];
    }
  }
  return out;
}

/** Predicted classes argmax_k (Wᵀx)_k. */
export function ridgePredict(model: RidgeClassifier, x: SparseRows): Uint8Array {
  const K = model.classes;
  const s = ridgeScores(model, x);
  const out = new Uint8Array(x.count);
  for (let i = 0; i < x.count; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (s[i * K + k] > s[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}
