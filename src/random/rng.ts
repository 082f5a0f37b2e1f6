/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna) on 32-bit words, seeded by
 * SplitMix32. Every random quantity in synthrmt comes from an `Rng`, so a seed fixes a result.
 *
 * Independent sub-streams (`substream(k)`) are obtained with the generator's jump function, which
 * advances the state by 2^64 steps: streams 0, 1, 2, … never overlap for any practical length, so
 * parallel draws (worker threads) are reproducible and independent whatever the thread count.
 */
export class Rng {
  /**
   * The 128-bit state as four 32-bit words. Kept in an Int32Array rather than four number fields:
   * words ≥ 2^30 do not fit V8's small integers, and boxing them on every step made nextU32 ~10×
   * slower. The sequence is the same either way.
   */
  private readonly st = new Int32Array(4);
  private spare = 0;
  private hasSpare = false;

  /** @param seed any finite number; the same seed always gives the same stream. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // SplitMix32 expands the seed (both halves of a double's integer part) into 128 bits of state.
    let x = (Math.floor(seed) ^ Math.floor(seed / 4294967296) * 0x9e3779b1) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const st = this.st;
    st[0] = next();
    st[1] = next();
    st[2] = next();
    st[3] = next();
    if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const st = this.st;
    const s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    st[0] = n0; st[1] = n1; st[2] = n2; st[3] = n3;
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in {0, …, n−1}. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`int(n) needs a positive integer n, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal N(0, 1) (Marsaglia's polar method). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Fill `out` (or a new array of length n) with i.i.d. N(0, 1). */
  normals(n: number, out: Float64Array = new Float64Array(n)): Float64Array {
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** Gamma(shape, 1) (Marsaglia & Tsang 2000; shape < 1 by the U^{1/shape} boost). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform() || Number.MIN_VALUE, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Chi-square with k > 0 degrees of freedom: χ²_k = 2·Gamma(k/2). */
  chiSquare(k: number): number {
    if (!(k > 0)) throw new RangeError(`chi-square degrees of freedom must be > 0, got ${k}`);
    return 2 * this.gamma(k / 2);
  }

  /** Bernoulli(prob): true with probability prob ∈ [0, 1]. */
  bernoulli(prob: number): boolean {
    if (!(prob >= 0 && prob <= 1)) throw new RangeError(`bernoulli probability must be in [0, 1], got ${prob}`);
    return this.uniform() < prob;
  }

  /**
   * Binomial(n, prob), exact, with O(1) expected cost in n. With q = min(prob, 1 − prob) (and the
   * count reflected, n − k, when prob > 1/2): inversion by sequential search from 0 when n·q < 10
   * (expected n·q + 1 steps), otherwise Hörmann's BTRS, the transformed rejection with squeeze
   * ("The generation of binomial random variates", J. Stat. Comput. Simul. 46 (1993) 101–110), whose
   * acceptance test compares with the exact log-pmf (Stirling tails tabulated for small arguments).
   */
  binomial(n: number, prob: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be an integer >= 0, got ${n}`);
    if (!(prob >= 0 && prob <= 1)) throw new RangeError(`binomial probability must be in [0, 1], got ${prob}`);
    const flip = prob > 0.5;
    const q = flip ? 1 - prob : prob;
    let k: number;
    if (n === 0 || q === 0) k = 0;
    else if (n * q < 10) k = this.binomialInversion(n, q);
    else k = this.binomialBtrs(n, q);
    return flip ? n - k : k;
  }

  /** Binomial(n, q) for n·q < 10 by inversion: P(k) = P(k−1)·(n−k+1)/k·q/(1−q), P(0) = (1−q)^n. */
  private binomialInversion(n: number, q: number): number {
    const s = q / (1 - q);
    const p0 = Math.exp(n * Math.log1p(-q));
    for (;;) {
      let u = this.uniform();
      let f = p0;
      let k = 0;
      while (u >= f) {
        u -= f;
        k++;
        if (k > n) break; // only reachable through rounding of the tail mass: draw again
        f *= (s * (n - k + 1)) / k;
      }
      if (k <= n) return k;
    }
  }

  /** Binomial(n, q) for q ≤ 1/2 and n·q ≥ 10 by Hörmann's BTRS. */
  private binomialBtrs(n: number, q: number): number {
    const spq = Math.sqrt(n * q * (1 - q));
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * q;
    const c = n * q + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const r = q / (1 - q);
    const m = Math.floor((n + 1) * q);
    for (;;) {
      const u = this.uniform() - 0.5;
      let v = this.uniform();
      const us = 0.5 - Math.abs(u);
      if (us === 0) continue;
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k; // squeeze: inside the hat for sure
      v = Math.log((v * alpha) / (a / (us * us) + b));
      // log(f(k)/f(m)) for the Binomial pmf f, in Hörmann's cancellation-free form.
      const ub =
        (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) +
        (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
        (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
        stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
      if (v <= ub) return k;
    }
  }

  /**
   * Multinomial(n; probs): counts of n independent draws over the categories of `probs` (entries ≥ 0
   * summing to 1 within 1e-9), by successive conditional binomials.
   */
  multinomial(n: number, probs: ArrayLike<number>): number[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`multinomial n must be an integer >= 0, got ${n}`);
    let total = 0;
    for (let i = 0; i < probs.length; i++) {
      const v = probs[i];
      if (!(v >= 0 && v <= 1)) throw new RangeError(`multinomial probs[${i}] must be in [0, 1], got ${v}`);
      total += v;
    }
    if (probs.length === 0 || Math.abs(total - 1) > 1e-9) {
      throw new RangeError(`multinomial probs must sum to 1, got sum ${total} over ${probs.length} categories`);
    }
    const out: number[] = [];
    let left = n;
    let mass = 1;
    for (let i = 0; i < probs.length - 1; i++) {
      const pr = mass > 0 ? Math.min(1, probs[i] / mass) : 0;
      const k = left > 0 ? this.binomial(left, pr) : 0;
      out.push(k);
      left -= k;
      mass -= probs[i];
    }
    out.push(left);
    return out;
  }

  /** A uniformly random permutation of {0, …, n−1} (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * The k-th independent sub-stream of this generator's *seed state* (k ≥ 0): a fresh generator
   * whose state is this one's advanced by (k+1)·2^64 steps. Does not change this generator.
   */
  substream(k: number): Rng {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`substream index must be an integer ≥ 0, got ${k}`);
    const r = new Rng(0);
    r.st.set(this.st);
    for (let i = 0; i <= k; i++) r.jump();
    return r;
  }

  /** Advance the state by 2^64 steps (xoshiro128 jump polynomial). */
  private jump(): void {
    const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    const st = this.st;
    let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if (word & (1 << b)) {
          t0 ^= st[0]; t1 ^= st[1]; t2 ^= st[2]; t3 ^= st[3];
        }
        this.nextU32();
      }
    }
    st[0] = t0; st[1] = t1; st[2] = t2; st[3] = t3;
  }
}

/**
 * fc(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π], the Stirling-series remainder, exact
 * (from summed logs) for k < 30 and from its asymptotic series beyond (error < 1e-14).
 */
const STIRLING_TAIL: number[] = (() => {
  const t: number[] = [];
  let lf = 0;
  for (let k = 0; k < 30; k++) {
    if (k > 0) lf += Math.log(k);
    t.push(lf - ((k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI)));
  }
  return t;
})();

function stirlingTail(k: number): number {
  if (k < 30) return STIRLING_TAIL[k];
  const x = k + 1;
  const x2 = x * x;
  return (1 / 12 - (1 / 360 - 1 / 1260 / x2) / x2) / x;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
