/**
 * The standard normal CDF Φ and the complementary error function, by W. J. Cody's rational
 * Chebyshev approximations ("Rational Chebyshev approximations for the error function",
 * Math. Comp. 23 (1969) 631–637; the coefficients of his CALERF routine, SPECFUN/netlib).
 * Relative error near 1e-16 over the whole double range, including the far tails
 * (Φ(−37) ≈ 5.7e−300), which a naive 1 − Φ(x) would lose.
 */

const SQRPI = 0.56418958354775628695; // 1/√π
const THRESH = 0.46875;
const XBIG = 26.543; // erfc(x) underflows beyond

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131,
  881.952221241769090, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725,
  2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019,
  3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

/** exp(−y²) computed as exp(−z²)·exp(−(y−z)(y+z)) with z = y rounded to 1/16 (Cody): no loss for large y. */
function expMinusSquare(y: number): number {
  const z = Math.trunc(y * 16) / 16;
  const del = (y - z) * (y + z);
  return Math.exp(-z * z) * Math.exp(-del);
}

/** erfc(y) for y ≥ THRESH (Cody's second and third intervals). */
function erfcLarge(y: number): number {
  if (y >= XBIG) return 0;
  let r: number;
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    r = (num + C[7]) / (den + D[7]);
  } else {
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * z;
      den = (den + Q[i]) * z;
    }
    r = (z * (num + P[4])) / (den + Q[4]);
    r = (SQRPI - r) / y;
  }
  return r * expMinusSquare(y);
}

/** erf(x) for |x| < THRESH (Cody's first interval). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/** The complementary error function erfc(x) = (2/√π)∫ₓ^∞ e^{−t²} dt. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`erfc: x must be a number, got NaN`);
  const y = Math.abs(x);
  if (y < THRESH) return 1 - erfSmall(x);
  const r = erfcLarge(y);
  return x < 0 ? 2 - r : r;
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`erf: x must be a number, got NaN`);
  const y = Math.abs(x);
  if (y < THRESH) return erfSmall(x);
  const r = 1 - erfcLarge(y);
  return x < 0 ? -r : r;
}

/**
 * Φ(x), the standard normal CDF: Φ(x) = erfc(−x/√2)/2, with relative accuracy ~1e-15 for
 * |x| ≤ 8 in both tails (Φ(−x) is computed directly, never as 1 − Φ(x)); farther out the rounding
 * of x/√2 costs ~x²·1e-16 relative. Φ(±∞) = 1 or 0; NaN is rejected.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`normalCdf: x must be a number, got NaN`);
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

/** The standard normal survival function Q(x) = 1 − Φ(x) = Φ(−x), accurate in the upper tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}
