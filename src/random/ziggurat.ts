/**
 * Fast standard normal variates N(0, 1), exact in law: the ziggurat method of Marsaglia & Tsang
 * ("The ziggurat method for generating random variables", J. Stat. Softw. 5(8), 2000) with 256
 * layers, driven by the project's seeded `Rng`. It serves every hot normal loop: the GMM sampler
 * (gmm/mixture.ts) and the fast simulator's Bartlett factors (sim/wishart.ts, sim/fast.ts).
 *
 * Each variate takes two fresh 32-bit words: an 8-bit layer index, a sign bit and a 53-bit uniform
 * (independent bit fields, so none of the layer/value correlation of the original 32-bit version;
 * Doornik 2005), and is accepted at once with probability ≈ 0.99 (inside the layer's rectangle);
 * the wedges use the exact density and the tail beyond r Marsaglia's exact exponential method.
 * Several times faster than the polar method of `Rng.normal`, which stays the reference: the direct
 * simulator and the rest of the project draw with `Rng.normal`, and the tests compare the two in law.
 *
 * The table is built from its defining equations at load time: r solves
 * x_{i+1} = f⁻¹(f(x_i) + v/x_i), x_1 = r, with the top layer closing at f(0) = 1, where
 * f(x) = exp(−x²/2) and v = r f(r) + ∫_r^∞ f is the common area of the 256 layers.
 */
import type { Rng } from './rng';
import { erfc } from '../stats/normal-cdf';

const LAYERS = 256;
const f = (x: number): number => Math.exp(-0.5 * x * x);

/** x[0] = v/f(r) (the base strip's width), x[1] = r > x[2] > … > x[255] > x[256] = 0; fx[i] = f(x[i]). */
function buildTable(): { x: Float64Array; fx: Float64Array; r: number } {
  const tailArea = (r: number): number => Math.sqrt(Math.PI / 2) * erfc(r / Math.SQRT2);
  const attempt = (r: number): { x: Float64Array; excess: number } => {
    const v = r * f(r) + tailArea(r);
    const x = new Float64Array(LAYERS + 1);
    x[0] = v / f(r);
    x[1] = r;
    for (let i = 2; i < LAYERS; i++) {
      const y = f(x[i - 1]) + v / x[i - 1];
      if (y >= 1) return { x, excess: y - 1 };
      x[i] = Math.sqrt(-2 * Math.log(y));
    }
    x[LAYERS] = 0;
    return { x, excess: f(x[LAYERS - 1]) + v / x[LAYERS - 1] - 1 };
  };
  // excess > 0: r too small (layers reach the top too early); bisection to the double limit.
  let lo = 3, hi = 4;
  for (let it = 0; it < 200 && hi - lo > 0; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (attempt(mid).excess > 0) lo = mid;
    else hi = mid;
  }
  const { x } = attempt(hi);
  const fx = new Float64Array(LAYERS + 1);
  for (let i = 0; i <= LAYERS; i++) fx[i] = f(x[i]);
  return { x, fx, r: hi };
}

const TABLE = buildTable();
const X = TABLE.x;
const FX = TABLE.fx;
const R = TABLE.r;
const TWO_POW_30 = 1073741824;
const TWO_POW_M53 = 1 / 9007199254740992;

/**
 * Finishes a draw whose first two words (a, b) are given: the rectangle test, then (≈ 1 % of draws)
 * the tail or wedge test, drawing fresh word pairs until a value is accepted.
 */
function finish(rng: Rng, a: number, b: number): number {
  for (;;) {
    const i = a & 255;
    const u = ((a >>> 9) * TWO_POW_30 + (b >>> 2)) * TWO_POW_M53; // 23 + 30 = 53 bits
    const z = u * X[i];
    const sign = a & 256 ? -1 : 1;
    if (z < X[i + 1]) return sign * z; // inside the layer's rectangle under the curve
    if (i === 0) {
      // base strip beyond r: the tail, by Marsaglia's exponential rejection
      let t: number, e: number;
      do {
        t = -Math.log(1 - rng.uniform()) / R;
        e = -Math.log(1 - rng.uniform());
      } while (e + e < t * t);
      return sign * (R + t);
    }
    // wedge between f(x[i]) and f(x[i+1]): accept under the density
    if (FX[i] + rng.uniform() * (FX[i + 1] - FX[i]) < f(z)) return sign * z;
    a = rng.nextU32();
    b = rng.nextU32();
  }
}

/** One N(0, 1) variate by the ziggurat (same generator state ⇒ same draw). */
export function zigguratNormal(rng: Rng): number {
  const a = rng.nextU32();
  return finish(rng, a, rng.nextU32());
}

/**
 * Fills out[start … end) with i.i.d. N(0, 1) variates — the same values, in order, as successive
 * `zigguratNormal(rng)` calls, with the accepted fast path inline.
 */
export function zigguratFill(rng: Rng, out: Float64Array, start = 0, end = out.length): Float64Array {
  for (let k = start; k < end; k++) {
    const a = rng.nextU32();
    const b = rng.nextU32();
    const i = a & 255;
    const z = ((a >>> 9) * TWO_POW_30 + (b >>> 2)) * TWO_POW_M53 * X[i];
    // sign without a branch (a random sign would be mispredicted half the time): bit 8 → ±1
    out[k] = z < X[i + 1] ? z * (1 - ((a >>> 7) & 2)) : finish(rng, a, b);
  }
  return out;
}

/** Fills `out` (or a new array of length n) with n i.i.d. N(0, 1) ziggurat variates. */
export function zigguratNormals(rng: Rng, n: number, out: Float64Array = new Float64Array(n)): Float64Array {
  return zigguratFill(rng, out, 0, n);
}

/** The ziggurat's parameters (for tests): the number of layers, r, and the layers' common area v. */
export const ZIGGURAT = { layers: LAYERS, r: R, area: R * f(R) + Math.sqrt(Math.PI / 2) * erfc(R / Math.SQRT2) };
