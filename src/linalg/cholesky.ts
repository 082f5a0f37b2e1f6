/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite p×p matrix, on a row-major
 * Float64Array (Cholesky–Banachiewicz, row by row: every inner product runs over two contiguous
 * rows of L). p³/6 multiply-adds. Only the lower half of A is read.
 *
 * ml-matrix's `CholeskyDecomposition` is the reference the tests compare against; this version works
 * in place on flat storage and is several times faster at p = 500 (see bench/sim.ts).
 */
import { checkDim, checkLength } from './checks';
import { dot4x2 } from './block-dot';

/**
 * Overwrites the lower half of `a` (p×p row-major) with L, zeroes the strict upper half, and returns
 * `a`. Throws a RangeError naming the pivot if A is not (numerically) positive definite.
 *
 * Left-looking by blocks of 4 rows: L_ij = (a_ij − Σ_{k<j} L_ik L_jk)/L_jj for the 4 rows i..i+3
 * against column pairs (j, j+1) left of the block, the 8 inner products sharing their loads; then
 * the 4×4 diagonal block row by row.
 */
export function choleskyInPlace(a: Float64Array, p: number): Float64Array {
  checkDim('p', p);
  checkLength('a', a, p * p, `${p}×${p}`);
  const pivotError = (i: number, v: number): RangeError =>
    new RangeError(`matrix is not positive definite: pivot ${i} of ${p} is ${v} (must be > 0)`);
  const s = new Float64Array(8);
  for (let i = 0; i < p; i += 4) {
    const nb = Math.min(4, p - i);
    const i1 = Math.min(i + 1, p - 1), i2 = Math.min(i + 2, p - 1), i3 = Math.min(i + 3, p - 1);
    const r0 = i * p, r1 = i1 * p, r2 = i2 * p, r3 = i3 * p;
    const rows = [r0, r1, r2, r3];
    // Columns 0..i−1 (i is a multiple of 4, so they come in pairs).
    for (let j = 0; j < i; j += 2) {
      const q0 = j * p, q1 = q0 + p;
      dot4x2(a, r0, r1, r2, r3, a, q0, q1, 0, j, s);
      const d0 = a[q0 + j], y = a[q1 + j], d1 = a[q1 + j + 1];
      // Rows clamped at p−1 repeat the last row; write each distinct row once.
      for (let b = 0; b < nb; b++) {
        const r = rows[b];
        const l = (a[r + j] - s[2 * b]) / d0;
        a[r + j] = l;
        a[r + j + 1] = (a[r + j + 1] - s[2 * b + 1] - l * y) / d1;
      }
    }
    // The diagonal block: rows i..i+nb−1, columns i..row.
    for (let ii = i; ii < i + nb; ii++) {
      const ri = ii * p;
      for (let j = i; j <= ii; j++) {
        const rj = j * p;
        let s0 = 0, s1 = 0;
        let k = 0;
        for (; k + 1 < j; k += 2) {
          s0 += a[ri + k] * a[rj + k];
          s1 += a[ri + k + 1] * a[rj + k + 1];
        }
        if (k < j) s0 += a[ri + k] * a[rj + k];
        const v = a[ri + j] - (s0 + s1);
        if (j === ii) {
          if (!(v > 0)) throw pivotError(ii, v);
          a[ri + ii] = Math.sqrt(v);
        } else {
          a[ri + j] = v / a[rj + j];
        }
      }
      for (let j = ii + 1; j < p; j++) a[ri + j] = 0;
    }
  }
  return a;
}

/** The Cholesky factor L (lower-triangular, row-major p×p) of a symmetric positive-definite A. */
export function cholesky(a: ArrayLike<number>, p: number): Float64Array {
  checkDim('p', p);
  checkLength('a', a, p * p, `${p}×${p}`);
  const l = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) l[i] = a[i];
  return choleskyInPlace(l, p);
}

/**
 * Semi-definite Cholesky in place (unblocked; `choleskyInPlace` is the positive-definite twin): the lower half of `a` (q×q row-major, symmetric PSD) becomes L
 * with L·Lᵀ = A up to pivots below `tol`·max diag, which give zero columns; the upper half is zeroed.
 */
export function semidefiniteCholesky(a: Float64Array, q: number, tol = 1e-10): Float64Array {
  let top = 0;
  for (let i = 0; i < q; i++) top = Math.max(top, a[i * q + i]);
  const floor = tol * top;
  for (let i = 0; i < q; i++) {
    const ri = i * q;
    for (let j = 0; j <= i; j++) {
      const rj = j * q;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (j < i) {
        const d = a[rj + j];
        a[ri + j] = d > 0 ? s / d : 0;
      } else {
        a[ri + i] = s > floor ? Math.sqrt(s) : 0;
      }
    }
    for (let j = i + 1; j < q; j++) a[ri + j] = 0;
  }
  return a;
}
