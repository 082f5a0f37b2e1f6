/**
 * Triangular and lower-trapezoidal kernels on row-major Float64Array.
 *
 * A lower-trapezoidal matrix of shape rows×cols is stored row-major (entry (i, j) at i·cols + j) and
 * is zero above its diagonal (j > i). Square lower-triangular matrices are the case rows = cols.
 * These are the products the fast simulator needs (Bartlett factors, their products and Grams):
 * each kernel skips the structural zeros, so the costs are p³/6 multiply-adds for a product of two
 * p×p triangles and for the lower half of B·Bᵀ.
 */
import { checkDim, checkLength } from './checks';
import { dot4x2 } from './block-dot';

/** Solves L·x = b by forward substitution (L lower-triangular p×p, row-major). */
export function solveLower(l: Float64Array, p: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(p)): Float64Array {
  checkDim('p', p);
  checkLength('L', l, p * p, `${p}×${p}`);
  checkLength('b', b, p, `${p}`);
  for (let i = 0; i < p; i++) {
    const ri = i * p;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * out[k];
    const d = l[ri + i];
    if (d === 0) throw new RangeError(`triangular matrix is singular: diagonal entry ${i} is 0`);
    out[i] = s / d;
  }
  return out;
}

/** Solves Lᵀ·x = b by back substitution (L lower-triangular p×p, row-major). `out` may alias `b`. */
export function solveLowerTranspose(l: Float64Array, p: number, b: ArrayLike<number>, out: Float64Array = new Float64Array(p)): Float64Array {
  checkDim('p', p);
  checkLength('L', l, p * p, `${p}×${p}`);
  checkLength('b', b, p, `${p}`);
  if (out !== b) for (let i = 0; i < p; i++) out[i] = b[i];
  // Column-oriented: once x_i is known, remove L_ik x_i (k < i) from the right-hand side; row i of L
  // is contiguous, so this runs over contiguous memory.
  for (let i = p - 1; i >= 0; i--) {
    const ri = i * p;
    const d = l[ri + i];
    if (d === 0) throw new RangeError(`triangular matrix is singular: diagonal entry ${i} is 0`);
    const xi = out[i] / d;
    out[i] = xi;
    for (let k = 0; k < i; k++) out[k] -= l[ri + k] * xi;
  }
  return out;
}

/**
 * C = A·B for lower-trapezoidal A (rows×inner) and B (inner×cols); C is rows×cols lower-trapezoidal:
 * C_ij = Σ_{l=j}^{min(i, inner−1)} A_il B_lj, ~p³/6 multiply-adds for p×p triangles.
 *
 * B is first transposed (O(inner·cols)) so every C_ij is an inner product of two contiguous rows;
 * blocks of 4 rows of A × 2 rows of Bᵀ share their loads (8 products per 6 loads). A block's inner
 * products run over the block's whole range, the stored zeros of A (l > i) and Bᵀ (l < j) taking
 * care of the ragged triangle edges — so the strict upper parts of A and B MUST hold zeros, as the
 * lower-trapezoidal storage requires. `work` (length ≥ inner·cols) avoids an allocation.
 */
export function lowerTimesLower(
  a: Float64Array,
  rows: number,
  inner: number,
  b: Float64Array,
  cols: number,
  out: Float64Array = new Float64Array(rows * cols),
  work?: Float64Array,
): Float64Array {
  checkDim('rows', rows);
  checkDim('inner', inner);
  checkDim('cols', cols);
  checkLength('A', a, rows * inner, `${rows}×${inner}`);
  checkLength('B', b, inner * cols, `${inner}×${cols}`);
  checkLength('out', out, rows * cols, `${rows}×${cols}`);
  const bt = work && work.length >= inner * cols ? work : new Float64Array(inner * cols);
  for (let l = 0; l < inner; l++) {
    const bl = l * cols;
    for (let j = 0; j < cols; j++) bt[j * inner + l] = b[bl + j];
  }
  out.fill(0, 0, rows * cols);
  if (rows === 0 || inner === 0) return out;
  // Column j of C is zero when j ≥ inner (B_lj = 0 for all l < inner ≤ j).
  const jcols = Math.min(cols, inner);
  const last = rows - 1;
  const s = new Float64Array(8);
  for (let i = 0; i < rows; i += 4) {
    const i1 = Math.min(i + 1, last), i2 = Math.min(i + 2, last), i3 = Math.min(i + 3, last);
    const a0 = i * inner, a1 = i1 * inner, a2 = i2 * inner, a3 = i3 * inner;
    const end = Math.min(i3, inner - 1);
    const jend = Math.min(i3, jcols - 1);
    for (let j = 0; j <= jend; j += 2) {
      const j1 = Math.min(j + 1, jcols - 1);
      const b0 = j * inner, b1 = j1 * inner;
      dot4x2(a, a0, a1, a2, a3, bt, b0, b1, j, end + 1, s);
      // Only entries on or below the diagonal are written (j ≤ i); duplicated edge rows/columns
      // (clamped indices) write the same value twice.
      if (j <= i) out[i * cols + j] = s[0];
      if (j1 <= i) out[i * cols + j1] = s[1];
      if (j <= i1) out[i1 * cols + j] = s[2];
      if (j1 <= i1) out[i1 * cols + j1] = s[3];
      if (j <= i2) out[i2 * cols + j] = s[4];
      if (j1 <= i2) out[i2 * cols + j1] = s[5];
      if (j <= i3) out[i3 * cols + j] = s[6];
      if (j1 <= i3) out[i3 * cols + j1] = s[7];
    }
  }
  return out;
}

/**
 * The lower half of S = B·Bᵀ (rows×rows, row-major) for a lower-trapezoidal B (rows×cols):
 * S_ij = Σ_{l ≤ min(j, cols−1)} B_il B_jl for j ≤ i; ~rows³/6 multiply-adds when cols = rows.
 * Blocks of 4 rows × 2 rows share their loads; the stored zeros of B above its diagonal bound the
 * ragged edges (they MUST be zeros). With `accumulate` the products are added to `out` instead of
 * overwriting it. The strict upper half of `out` is left untouched (see `mirrorLower`).
 */
export function lowerGram(
  b: Float64Array,
  rows: number,
  cols: number,
  out: Float64Array = new Float64Array(rows * rows),
  accumulate = false,
): Float64Array {
  checkDim('rows', rows);
  checkDim('cols', cols);
  checkLength('B', b, rows * cols, `${rows}×${cols}`);
  checkLength('out', out, rows * rows, `${rows}×${rows}`);
  if (!accumulate) for (let i = 0; i < rows; i++) out.fill(0, i * rows, i * rows + i + 1);
  const last = rows - 1;
  const s = new Float64Array(8);
  for (let i = 0; i < rows; i += 4) {
    const i1 = Math.min(i + 1, last), i2 = Math.min(i + 2, last), i3 = Math.min(i + 3, last);
    const r0 = i * cols, r1 = i1 * cols, r2 = i2 * cols, r3 = i3 * cols;
    const o0 = i * rows, o1 = i1 * rows, o2 = i2 * rows, o3 = i3 * rows;
    for (let j = 0; j <= i3; j += 2) {
      const j1 = Math.min(j + 1, last);
      const q0 = j * cols, q1 = j1 * cols;
      const len = Math.min(j1 + 1, cols);
      dot4x2(b, r0, r1, r2, r3, b, q0, q1, 0, len, s);
      // Each distinct (row, column) with column ≤ row is updated once (clamped duplicates skipped).
      const jNew = j1 > j;
      if (j <= i) out[o0 + j] += s[0];
      if (jNew && j1 <= i) out[o0 + j1] += s[1];
      if (i1 > i) {
        if (j <= i1) out[o1 + j] += s[2];
        if (jNew && j1 <= i1) out[o1 + j1] += s[3];
      }
      if (i2 > i1) {
        if (j <= i2) out[o2 + j] += s[4];
        if (jNew && j1 <= i2) out[o2 + j1] += s[5];
      }
      if (i3 > i2) {
        if (j <= i3) out[o3 + j] += s[6];
        if (jNew && j1 <= i3) out[o3 + j1] += s[7];
      }
    }
  }
  return out;
}

/** y = A·v for lower-trapezoidal A (rows×cols) and v of length cols. */
export function lowerTimesVector(
  a: Float64Array,
  rows: number,
  cols: number,
  v: ArrayLike<number>,
  out: Float64Array = new Float64Array(rows),
): Float64Array {
  checkDim('rows', rows);
  checkDim('cols', cols);
  checkLength('A', a, rows * cols, `${rows}×${cols}`);
  checkLength('v', v, cols, `${cols}`);
  for (let i = 0; i < rows; i++) {
    const ai = i * cols;
    const lmax = Math.min(i, cols - 1);
    let s = 0;
    for (let l = 0; l <= lmax; l++) s += a[ai + l] * v[l];
    out[i] = s;
  }
  return out;
}

/** Copies the lower half of a p×p row-major matrix onto its upper half (in place). */
export function mirrorLower(s: Float64Array, p: number): Float64Array {
  checkDim('p', p);
  checkLength('S', s, p * p, `${p}×${p}`);
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) s[j * p + i] = s[i * p + j];
  return s;
}

/** True if the strict upper part of the rows×cols row-major matrix is exactly zero. */
export function isLowerTrapezoidal(a: ArrayLike<number>, rows: number, cols: number): boolean {
  for (let i = 0; i < rows; i++) for (let j = i + 1; j < cols; j++) if (a[i * cols + j] !== 0) return false;
  return true;
}
