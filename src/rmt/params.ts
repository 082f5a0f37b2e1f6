/**
 * Parameters of the three settings of El Firdoussi et al. (2025) and their validation.
 *
 * Symbols (theory.md): p dimension; n real and m synthetic samples, N = n + m; π = n/N; η = p/N;
 * n̂ samples behind the generator's covariance estimate; ε label noise; (ρ, φ) pruning;
 * α = φ(1−ε) + ρε the kept share; λ = φ(1−ε) − ρε the net kept signal; γ the ridge penalty.
 *
 * Every check throws a RangeError whose message names the parameter, its value and what is allowed,
 * e.g. `epsilon must be in [0, 1], got 1.2`. No setting ever returns a silent NaN.
 */

import { checkNumber, checkProbability, checkPositive, checkNonNegative, checkCount, showValue as show } from '../stats/validators';

/** The scalar checks, defined in the core's validators module (../stats/validators.ts). */

/** Corollary 4.3 (n = 0, C = I): ‖μ‖ is the number `mu`. */
export interface SyntheticOnlyParams {
  /** synthetic samples m > 0 */
  m: number;
  /** dimension p > 0 */
  p: number;
  /** ‖μ‖ ≥ 0 */
  mu: number;
  /** label noise ε ∈ [0, 1] */
  epsilon: number;
  /** pruning: keep probability ρ ∈ [0, 1] of a wrongly labelled sample */
  rho: number;
  /** pruning: keep probability φ ∈ [0, 1] of a correctly labelled sample */
  phi: number;
  /** ridge penalty γ > 0 */
  gamma: number;
  /** mixing weight β ≥ 0 of every kept synthetic sample (default 1, the paper's classifier; ./weighted) */
  weight?: number;
}

/**
 * Toy setting (C = Ĉ = ZZᵀ/n̂, μ_β = μ): the synthetic-only fields plus the real data. Here m ≥ 0
 * (m = 0: real data only, the baseline), with n + m > 0.
 */
export interface ToyParams extends SyntheticOnlyParams {
  /** real samples n ≥ 0 */
  n: number;
  /** samples n̂ > 0 behind the generator's covariance estimate Ĉ */
  nHat: number;
}

/** Covariance input: p×p as nested arrays or as a row-major Float64Array of length p². */
export type CovarianceInput = number[][] | ReadonlyArray<ArrayLike<number>> | Float64Array;

/** Theorem 4.2 (general C, μ_β). `p`, when given, must equal the length of `mu`. */
export interface GeneralParams {
  n: number;
  m: number;
  p?: number;
  mu: ArrayLike<number>;
  muBeta: ArrayLike<number>;
  cov: CovarianceInput;
  epsilon: number;
  rho: number;
  phi: number;
  gamma: number;
  /** mixing weight β ≥ 0 of every kept synthetic sample (default 1; ./weighted) */
  weight?: number;
}

/** The general setting's parameters once C has been prepared (see `prepareCovariance`). */
export type GeneralPreparedParams = Omit<GeneralParams, 'cov'>;

/** Label noise and pruning summarised: α = φ(1−ε) + ρε, λ = φ(1−ε) − ρε. */
export interface NoisePruning {
  alpha: number;
  lambda: number;
}

/**
 * Validates (ε, ρ, φ) and returns α = φ(1−ε) + ρε and λ = φ(1−ε) − ρε; α = 0 (no synthetic sample
 * kept, e.g. φ = ρ = 0 or ε = 1 with ρ = 0) is rejected.
 */
export function noisePruning(epsilon: unknown, rho: unknown, phi: unknown): NoisePruning {
  const e = checkProbability('epsilon', epsilon);
  const r = checkProbability('rho', rho);
  const f = checkProbability('phi', phi);
  const alpha = f * (1 - e) + r * e;
  if (!(alpha > 0)) {
    throw new RangeError(
      `alpha = phi(1-epsilon) + rho*epsilon must be > 0 (some synthetic samples kept), got ${alpha} ` +
        `(epsilon=${e}, rho=${r}, phi=${f})`,
    );
  }
  return { alpha, lambda: f * (1 - e) - r * e };
}

/** The mixing weight β: a finite number ≥ 0 (undefined → 1, the paper's classifier). */
export function checkWeight(x: unknown): number {
  if (x === undefined) return 1;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`weight must be a finite number >= 0 (the synthetic samples' mixing weight beta; 1 = the paper's classifier), got ${show(x)}`);
  }
  return x;
}

/** ε, ρ, φ ∈ [0, 1], γ > 0 and the weight β ≥ 0, checked in that order, then α > 0 (see `noisePruning`). */
function checkNoiseAndPenalty(o: Record<string, unknown>): { epsilon: number; rho: number; phi: number; gamma: number; weight: number } {
  const out = {
    epsilon: checkProbability('epsilon', o.epsilon),
    rho: checkProbability('rho', o.rho),
    phi: checkProbability('phi', o.phi),
    gamma: checkPositive('gamma', o.gamma),
    weight: checkWeight(o.weight),
  };
  noisePruning(out.epsilon, out.rho, out.phi);
  return out;
}

const TOY_KEYS = ['n', 'nHat', 'm', 'p', 'mu', 'epsilon', 'rho', 'phi', 'gamma', 'weight'] as const;
const SYNTH_KEYS = ['m', 'p', 'mu', 'epsilon', 'rho', 'phi', 'gamma', 'weight'] as const;
const GENERAL_KEYS = ['n', 'm', 'p', 'mu', 'muBeta', 'cov', 'epsilon', 'rho', 'phi', 'gamma', 'weight'] as const;

function checkObject(what: string, x: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    throw new RangeError(`${what} parameters must be an object with fields ${keys.join(', ')}, got ${show(x)}`);
  }
  for (const k of Object.keys(x)) {
    if (!keys.includes(k)) {
      throw new RangeError(`unknown ${what} parameter ${JSON.stringify(k)}; allowed: ${keys.join(', ')}`);
    }
  }
  return x as Record<string, unknown>;
}

/**
 * Validates the toy setting's parameters; returns a clean copy (weight filled in, default 1).
 * m = 0 (real data only) is allowed; n + m must be > 0.
 */
export function validateToyParams(x: unknown): Required<ToyParams> {
  const o = checkObject('toy', x, TOY_KEYS);
  const n = checkCount('n', o.n, 0);
  const nHat = checkCount('nHat', o.nHat, 1);
  const m = checkCount('m', o.m, 0);
  if (n + m === 0) throw new RangeError(`n + m must be > 0 (some training data), got n = 0 and m = 0`);
  return {
    n, nHat, m,
    p: checkCount('p', o.p, 1),
    mu: checkNonNegative('mu', o.mu),
    ...checkNoiseAndPenalty(o),
  };
}

/** Validates the synthetic-only (Corollary 4.3) parameters; returns a clean copy (weight filled in, default 1). */
export function validateSyntheticOnlyParams(x: unknown): Required<SyntheticOnlyParams> {
  const o = checkObject('synthetic-only', x, SYNTH_KEYS);
  return {
    m: checkCount('m', o.m, 1),
    p: checkCount('p', o.p, 1),
    mu: checkNonNegative('mu', o.mu),
    ...checkNoiseAndPenalty(o),
  };
}

/** A vector of p finite numbers (p given, or taken from the vector when p is undefined). */
export function checkVector(name: string, x: unknown, p?: number): Float64Array {
  const isArrayLike = Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
  if (!isArrayLike) throw new RangeError(`${name} must be an array of numbers, got ${show(x)}`);
  const a = x as ArrayLike<unknown>;
  if (a.length === 0) throw new RangeError(`${name} must have at least one entry, got an empty array`);
  if (p !== undefined && a.length !== p) {
    throw new RangeError(`${name} must have length p = ${p}, got length ${a.length}`);
  }
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${show(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Validates a p×p covariance given as nested arrays or a row-major Float64Array(p²); returns it
 * row-major and exactly symmetrised ((C + Cᵀ)/2). Symmetry is checked to a relative 1e-10 of the
 * largest entry. (Positive definiteness is checked on the eigenvalues, see `prepareCovariance`.)
 */
export function checkCovariance(x: unknown, p?: number): { p: number; data: Float64Array } {
  let dim: number;
  const data = ((): Float64Array => {
    if (x instanceof Float64Array) {
      const d = Math.round(Math.sqrt(x.length));
      if (d * d !== x.length || d === 0) {
        throw new RangeError(`cov as a Float64Array must hold p*p entries (row-major), got length ${x.length}`);
      }
      dim = d;
      for (let i = 0; i < x.length; i++) {
        if (!Number.isFinite(x[i])) {
          throw new RangeError(`cov[${Math.floor(i / d)}][${i % d}] must be a finite number, got ${x[i]}`);
        }
      }
      return Float64Array.from(x);
    }
    if (!Array.isArray(x) || x.length === 0) {
      throw new RangeError(`cov must be a p x p matrix (array of rows or row-major Float64Array), got ${show(x)}`);
    }
    dim = x.length;
    const out = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      const row = x[i] as unknown;
      const len = row !== null && typeof row === 'object' ? (row as ArrayLike<unknown>).length : undefined;
      if (len !== dim) {
        throw new RangeError(`cov must be square: row ${i} has ${len === undefined ? 'no entries (not an array)' : `length ${len}`}, expected ${dim}`);
      }
      for (let j = 0; j < dim; j++) {
        const v = (row as ArrayLike<unknown>)[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new RangeError(`cov[${i}][${j}] must be a finite number, got ${show(v)}`);
        }
        out[i * dim + j] = v;
      }
    }
    return out;
  })();
  const d = dim!;
  if (p !== undefined && d !== p) throw new RangeError(`cov must be p x p with p = ${p}, got ${d} x ${d}`);
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(data[i]));
  const tol = 1e-10 * maxAbs;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const a = data[i * d + j], b = data[j * d + i];
      if (Math.abs(a - b) > tol) {
        throw new RangeError(`cov must be symmetric, got cov[${i}][${j}] = ${a} but cov[${j}][${i}] = ${b}`);
      }
      const s = 0.5 * (a + b);
      data[i * d + j] = s;
      data[j * d + i] = s;
    }
  }
  return { p: d, data };
}

/** Validated scalar part of the general setting (everything except C). */
export interface GeneralScalars {
  n: number;
  m: number;
  p: number;
  mu: Float64Array;
  muBeta: Float64Array;
  epsilon: number;
  rho: number;
  phi: number;
  gamma: number;
  weight: number;
}

/**
 * Validates the general setting's parameters except C. `pCov` is C's dimension (known after
 * preparation). n, m ≥ 0 with N = n + m > 0.
 */
export function validateGeneralScalars(x: unknown, pCov?: number): GeneralScalars {
  const o = checkObject('general', x, GENERAL_KEYS);
  const n = checkCount('n', o.n, 0);
  const m = checkCount('m', o.m, 0);
  if (n + m === 0) throw new RangeError(`n + m must be > 0, got n = 0 and m = 0`);
  let p: number | undefined;
  if (o.p !== undefined) p = checkCount('p', o.p, 1);
  if (p !== undefined && pCov !== undefined && p !== pCov) {
    throw new RangeError(`p must equal the dimension of cov (${pCov}), got ${p}`);
  }
  const dim = p ?? pCov;
  const mu = checkVector('mu', o.mu, dim);
  const muBeta = checkVector('muBeta', o.muBeta, mu.length);
  return {
    n, m, p: mu.length, mu, muBeta,
    ...checkNoiseAndPenalty(o),
  };
}

/** A short "name=value, …" description of a parameter set for error messages. */
export function describeParams(o: object): string {
  return Object.entries(o)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
