/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna) on 32-bit words, seeded by
 * SplitMix32. Every random quantity in synthrmt comes from an `Rng`, so a seed fixes a result.
 *
 * Independent sub-streams (`substream(k)`) are obtained with the generator's jump function, which
 * advances the state by 2^64 steps: streams 0, 1, 2, … never overlap for any practical length, so
 * parallel draws (worker threads) are reproducible and independent whatever the thread count.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
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
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    this.s0 = n0 >>> 0; this.s1 = n1 >>> 0; this.s2 = n2 >>> 0; this.s3 = n3 >>> 0;
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

  /** Binomial(n, prob) by summing Bernoulli draws (exact; used for small n only). */
  binomial(n: number, prob: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.uniform() < prob) k++;
    return k;
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
    const r = Object.create(Rng.prototype) as Rng;
    r.s0 = this.s0; r.s1 = this.s1; r.s2 = this.s2; r.s3 = this.s3;
    r.spare = 0;
    r.hasSpare = false;
    for (let i = 0; i <= k; i++) r.jump();
    return r;
  }

  /** Advance the state by 2^64 steps (xoshiro128 jump polynomial). */
  private jump(): void {
    const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if (word & (1 << b)) {
          t0 ^= this.s0; t1 ^= this.s1; t2 ^= this.s2; t3 ^= this.s3;
        }
        this.nextU32();
      }
    }
    this.s0 = t0 >>> 0; this.s1 = t1 >>> 0; this.s2 = t2 >>> 0; this.s3 = t3 >>> 0;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
