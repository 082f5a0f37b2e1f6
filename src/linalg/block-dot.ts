/**
 * The register-blocked micro-kernel shared by the triangular kernels and the Cholesky factorisation:
 * the 8 inner products of 4 rows of X with 2 rows of Y over one index range, on row-major flat
 * storage. The 6 loads per index feed 8 multiply-adds, which is what makes those kernels fast.
 */

/**
 * s[2r + c] = Σ_{l = from}^{to−1} x[xr + l] · y[yc + l] for the rows xr ∈ (x0, x1, x2, x3) of `x`
 * (r = 0…3) and yc ∈ (y0, y1) of `y` (c = 0, 1), all given as offsets of the rows' first entries.
 * `x` and `y` may be the same array. Returns `s` (length ≥ 8).
 */
export function dot4x2(
  x: Float64Array,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  y: Float64Array,
  y0: number,
  y1: number,
  from: number,
  to: number,
  s: Float64Array,
): Float64Array {
  let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
  for (let l = from; l < to; l++) {
    const b0 = y[y0 + l], b1 = y[y1 + l];
    const a0 = x[x0 + l], a1 = x[x1 + l], a2 = x[x2 + l], a3 = x[x3 + l];
    s00 += a0 * b0; s01 += a0 * b1;
    s10 += a1 * b0; s11 += a1 * b1;
    s20 += a2 * b0; s21 += a2 * b1;
    s30 += a3 * b0; s31 += a3 * b1;
  }
  s[0] = s00; s[1] = s01;
  s[2] = s10; s[3] = s11;
  s[4] = s20; s[5] = s21;
  s[6] = s30; s[7] = s31;
  return s;
}
