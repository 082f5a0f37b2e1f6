/**
 * Solves with symmetric positive-definite matrices through their Cholesky factor:
 * A x = b ⇔ L y = b, Lᵀ x = y.
 */
import { cholesky } from './cholesky';
import { solveLower, solveLowerTranspose } from './triangular';

/** x with L·Lᵀ·x = b, given the Cholesky factor L (p×p lower-triangular, row-major). */
export function solveWithCholesky(l: Float64Array, p: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(p)): Float64Array {
  solveLower(l, p, b, out);
  return solveLowerTranspose(l, p, out, out);
}

/** x with A·x = b for a symmetric positive-definite p×p row-major A (lower half read). */
export function solveSpd(a: ArrayLike<number>, p: number, b: ArrayLike<number>): Float64Array {
  return solveWithCholesky(cholesky(a, p), p, b);
}
