/**
 * Parameters of one simulated draw, shared by the direct (reference) and the fast simulators, and
 * their validation (RangeError naming the bad parameter).
 */
import { checkWeight } from '../rmt/params';
import { checkCount, checkPositive, checkProbability } from '../stats/validators';
import { isLowerTrapezoidal } from '../linalg/triangular';

/**
 * The synthetic covariance C:
 * - `fresh-wishart`: a fresh estimate C = ZZᵀ/n̂ (Z ∈ R^{p×n̂} Gaussian) in every draw — Figure 3's
 *   protocol and the theory's toy setting;
 * - `factor`: a fixed C = A·Aᵀ given by its lower-triangular p×p factor A (row-major), e.g. the
 *   Cholesky factor of a given C (see linalg `cholesky` / `covarianceFactor`);
 * - `identity`: C = I_p (Corollary 4.3).
 */
export type SyntheticCovariance =
  | { kind: 'fresh-wishart'; nHat: number }
  | { kind: 'factor'; A: Float64Array }
  | { kind: 'identity' };

/** One draw's parameters: real mean μ, synthetic mean μ_β (μ if omitted), m, ε, ρ, φ, γ and C. */
export interface DrawParams {
  /** class mean μ of the real data and of the test set (length p) */
  mu: Float64Array;
  /** class mean μ_β of the synthetic data (defaults to μ) */
  muBeta?: Float64Array;
  /** synthetic samples m ≥ 0 (all of them count in N = n + m, kept or not) */
  m: number;
  epsilon: number;
  rho: number;
  phi: number;
  gamma: number;
  covariance: SyntheticCovariance;
  /**
   * mixing weight β ≥ 0 of every kept synthetic sample (default 1, the paper's classifier):
   * w = ((X_r X_rᵀ + β X_s D_q X_sᵀ)/N + γI)⁻¹ (X_r y + β X_s D_q ỹ)/N (rmt/weighted)
   */
  weight?: number;
}

/** The fast simulator takes the same parameters as the direct one. */
export type FastDrawParams = DrawParams;

/** Options of a draw: `testSize` > 0 tests on that many fresh samples instead of the exact Φ. */
export interface DrawOptions {
  testSize?: number;
}

/** One draw's outcome. */
export interface DrawResult {
  /** signed test accuracy: exact Φ(wᵀμ/‖w‖) given w, or the empirical one on `testSize` samples */
  accuracy: number;
  /** max(accuracy, 1 − accuracy) */
  accuracySymmetric: number;
  /** Φ(wᵀμ/‖w‖), the exact accuracy given w (whatever testSize) */
  exactAccuracy: number;
  /** kept synthetic samples (Σ q_i) */
  kept: number;
  /** kept synthetic samples with a wrong label */
  keptWrong: number;
  /** wᵀμ */
  wMu: number;
  /** ‖w‖ */
  wNorm: number;
  /** test samples used (0 = exact accuracy) */
  testSize: number;
}

/** Validated parameters with p, μ_β and the weight (default 1) resolved. */
export interface ResolvedDrawParams extends Required<Omit<DrawParams, 'muBeta'>> {
  p: number;
  muBeta: Float64Array;
}

function checkVectorArg(name: string, v: unknown, p?: number): Float64Array {
  if (!(v instanceof Float64Array)) throw new RangeError(`${name} must be a Float64Array, got ${Object.prototype.toString.call(v)}`);
  if (v.length === 0) throw new RangeError(`${name} must have length p >= 1, got length 0`);
  if (p !== undefined && v.length !== p) throw new RangeError(`${name} must have length p = ${p}, got length ${v.length}`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`${name}[${i}] must be finite, got ${v[i]}`);
  }
  return v;
}

/** Validates a draw's parameters (p taken from μ, or checked against `p`). */
export function validateDrawParams(params: DrawParams, p?: number): ResolvedDrawParams {
  if (typeof params !== 'object' || params === null) throw new RangeError(`draw parameters must be an object, got ${String(params)}`);
  const mu = checkVectorArg('mu', params.mu, p);
  const dim = mu.length;
  const muBeta = params.muBeta === undefined ? mu : checkVectorArg('muBeta', params.muBeta, dim);
  const out: ResolvedDrawParams = {
    p: dim,
    mu,
    muBeta,
    m: checkCount('m', params.m, 0),
    epsilon: checkProbability('epsilon', params.epsilon),
    rho: checkProbability('rho', params.rho),
    phi: checkProbability('phi', params.phi),
    gamma: checkPositive('gamma', params.gamma),
    covariance: params.covariance,
    weight: checkWeight(params.weight),
  };
  const cov = params.covariance as SyntheticCovariance | undefined;
  if (typeof cov !== 'object' || cov === null) {
    throw new RangeError(`covariance must be {kind: 'fresh-wishart', nHat} | {kind: 'factor', A} | {kind: 'identity'}, got ${String(cov)}`);
  }
  if (cov.kind === 'fresh-wishart') {
    checkCount('covariance.nHat', cov.nHat, 1);
  } else if (cov.kind === 'factor') {
    const a = cov.A;
    if (!(a instanceof Float64Array) || a.length !== dim * dim) {
      throw new RangeError(`covariance.A must be a Float64Array of length p² = ${dim * dim}, got ${a instanceof Float64Array ? `length ${a.length}` : Object.prototype.toString.call(a)}`);
    }
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new RangeError(`covariance.A[${i}] must be finite, got ${a[i]}`);
    if (!isLowerTrapezoidal(a, dim, dim)) {
      throw new RangeError('covariance.A must be lower-triangular (zeros above the diagonal), e.g. the Cholesky factor of C');
    }
  } else if (cov.kind !== 'identity') {
    throw new RangeError(`covariance.kind must be 'fresh-wishart', 'factor' or 'identity', got ${JSON.stringify((cov as { kind: unknown }).kind)}`);
  }
  return out;
}

/** Validates `testSize` (undefined/0 = exact accuracy). */
export function checkTestSize(testSize: number | undefined): number {
  if (testSize === undefined) return 0;
  return checkCount('testSize', testSize, 0);
}
