/**
 * The fixed points of El Firdoussi et al. (2025) (formulas of theory.md, as in the published
 * reference implementation):
 *  - Theorem 4.2 (general C with eigenvalues c_i): (δ, δ_s), iterated from (0, 0);
 *  - the toy setting (C = Ĉ from n̂ samples): (δ_r*, δ_s*, δ_g*), Jacobi iteration from (1, 1, 1);
 *  - Corollary 4.3 (n = 0, C = I): δ in closed form.
 * Iterations stop when every component changes by less than 1e-12; after `MAX_ITERATIONS` sweeps
 * a `ConvergenceError` naming the parameters is thrown.
 */
import { checkCount, checkPositive } from '../stats/validators';
import { noisePruning, validateToyParams, type ToyParams } from './params';

/** Stopping tolerance on the change of every component (theory.md). */
export const FIXED_POINT_TOLERANCE = 1e-12;
/** Iteration cap before a ConvergenceError. */
export const MAX_ITERATIONS = 100_000;

/** A fixed-point iteration did not converge (a computation failure, not a usage error). */
export class ConvergenceError extends Error {
  override name = 'ConvergenceError';
}

/** (δ, δ_s) of Theorem 4.2 and the sweep count. */
export interface GeneralFixedPoint {
  delta: number;
  deltaS: number;
  iterations: number;
}

/**
 * Theorem 4.2's fixed point from C's eigenvalues c_1..c_p, iterating from δ = δ_s = 0 (both
 * updates from the previous values):
 *   d_i = γ + π/(1+δ) + α(1−π) c_i/(1+δ_s),  δ = (1/N) Σ 1/d_i,  δ_s = α (1/N) Σ c_i/d_i,
 * with N = n + m, π = n/N. Inputs are assumed validated (see `generalTheory`).
 */
export function generalFixedPointRaw(
  c: ArrayLike<number>, n: number, m: number, alpha: number, gamma: number,
): GeneralFixedPoint {
  const N = n + m;
  const pi = n / N;
  const k2base = alpha * (1 - pi);
  const p = c.length;
  let delta = 0, deltaS = 0;
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const base = gamma + pi / (1 + delta);
    const k2 = k2base / (1 + deltaS);
    let s0 = 0, s1 = 0;
    for (let i = 0; i < p; i++) {
      const inv = 1 / (base + k2 * c[i]);
      s0 += inv;
      s1 += c[i] * inv;
    }
    const nd = s0 / N, nds = (alpha * s1) / N;
    const done = Math.abs(nd - delta) < FIXED_POINT_TOLERANCE && Math.abs(nds - deltaS) < FIXED_POINT_TOLERANCE;
    delta = nd;
    deltaS = nds;
    if (!Number.isFinite(delta) || !Number.isFinite(deltaS)) break;
    if (done) return { delta, deltaS, iterations: it };
  }
  throw new ConvergenceError(
    `Theorem 4.2 fixed point (delta, delta_s) did not converge in ${MAX_ITERATIONS} iterations ` +
      `(n=${n}, m=${m}, p=${p}, alpha=${alpha}, gamma=${gamma}; last delta=${delta}, delta_s=${deltaS})`,
  );
}

/** Toy-setting fixed point (δ_r*, δ_s*, δ_g*), the sweep count and the scheme that converged. */
export interface ToyFixedPoint {
  deltaR: number;
  deltaS: number;
  deltaG: number;
  iterations: number;
  /** 'jacobi': the reference iteration; 'damped': the fallback (see `toyFixedPointRaw`) */
  method: 'jacobi' | 'damped';
}

/** One Jacobi scheme with relaxation w (w = 1: the reference iteration); null if it does not converge. */
function toyIterate(
  n: number, nHat: number, m: number, p: number, alpha: number, gamma: number, w: number,
): { deltaR: number; deltaS: number; deltaG: number; iterations: number } | null {
  const N = n + m;
  const pi = n / N;
  const s = alpha * (1 - pi); // α(1−π) > 0 since m > 0
  let dr = 1, ds = 1, dg = 1;
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const ndr = ((nHat / N) * (1 + ds) * dg) / s;
    const nds = (alpha * dr) / (1 + dg);
    const bracket = gamma + pi / (1 + dr) + s / ((1 + ds) * (1 + dg));
    const ndg = (s * p) / (nHat * (1 + ds) * bracket);
    const xr = w === 1 ? ndr : dr + w * (ndr - dr);
    const xs = w === 1 ? nds : ds + w * (nds - ds);
    const xg = w === 1 ? ndg : dg + w * (ndg - dg);
    const done =
      Math.abs(xr - dr) < FIXED_POINT_TOLERANCE &&
      Math.abs(xs - ds) < FIXED_POINT_TOLERANCE &&
      Math.abs(xg - dg) < FIXED_POINT_TOLERANCE;
    dr = xr; ds = xs; dg = xg;
    if (!Number.isFinite(dr) || !Number.isFinite(ds) || !Number.isFinite(dg)) return null;
    if (done) return { deltaR: dr, deltaS: ds, deltaG: dg, iterations: it };
  }
  return null;
}

/**
 * The toy setting's fixed point: Jacobi iteration from (δ_r, δ_s, δ_g) = (1, 1, 1), all three
 * updates from the previous values, until each changes by less than 1e-12:
 *   δ_r ← (n̂/N)(1+δ_s) δ_g / (α(1−π))
 *   δ_s ← α δ_r/(1+δ_g)
 *   δ_g ← α(1−π) p / ( n̂ (1+δ_s) [γ + π/(1+δ_r) + α(1−π)/((1+δ_s)(1+δ_g))] )
 * This is the reference implementation's scheme and is always tried first. For some parameters
 * (about 1 random point in 200, e.g. p/n̂ > 1 with small γ) it oscillates with growing amplitude and
 * never converges; then the same map is iterated with relaxation (x ← x + w(F(x) − x), w = 1/2,
 * then 1/5), which converges to a point satisfying the same three equations (method 'damped').
 * If that fails too, a ConvergenceError names the parameters. Inputs assumed validated (m > 0, α > 0).
 */
export function toyFixedPointRaw(
  n: number, nHat: number, m: number, p: number, alpha: number, gamma: number,
): ToyFixedPoint {
  const jac = toyIterate(n, nHat, m, p, alpha, gamma, 1);
  if (jac) return { ...jac, method: 'jacobi' };
  for (const w of [0.5, 0.2]) {
    const r = toyIterate(n, nHat, m, p, alpha, gamma, w);
    if (r) return { ...r, method: 'damped' };
  }
  throw new ConvergenceError(
    `toy fixed point (delta_r, delta_s, delta_g) did not converge in ${MAX_ITERATIONS} iterations, ` +
      `plain or damped (n=${n}, nHat=${nHat}, m=${m}, p=${p}, alpha=${alpha}, gamma=${gamma})`,
  );
}

/**
 * The same toy fixed point (δ_r, δ_s, δ_g) solved as one equation in b = γ + π/(1+δ_r) +
 * s/((1+δ_s)(1+δ_g)), s = w(1−π) > 0 (w the synthetic Gram weight): given b, δ_r = p/(N b),
 * c = s p/(n̂ b), and x = 1 + δ_s is the positive root of x² + (c − 1 − wδ_r)x − c = 0 (from
 * δ_s(1+δ_g) = wδ_r and δ_g = c/x); then b = F(b) = γ + π/(1+δ_r) + s/(x + c). F(b) − b changes
 * sign on [γ, γ + π + s] (F > γ and F ≤ γ + π + s), and the root is found by the Illinois
 * (modified false-position) method to a relative 1e-15: ~10 steps, never the oscillation that
 * makes the Jacobi scheme fall back to damping. Used for the weighted classifier (β ≠ 1, ./toy);
 * agrees with `toyFixedPointRaw` to its 1e-12 tolerance (tested). Inputs assumed validated, s > 0.
 */
export function toyFixedPointBracketed(
  n: number, nHat: number, m: number, p: number, weight: number, gamma: number,
): ToyFixedPoint {
  const N = n + m;
  const pi = n / N;
  const s = weight * (1 - pi);
  const parts = (b: number): { dr: number; x: number; c: number; f: number } => {
    const dr = p / (N * b);
    const c = (s * p) / (nHat * b);
    const k = c - 1 - weight * dr;
    // positive root of x² + kx − c = 0, without cancellation
    const x = k <= 0 ? (-k + Math.sqrt(k * k + 4 * c)) / 2 : (2 * c) / (k + Math.sqrt(k * k + 4 * c));
    return { dr, x, c, f: gamma + pi / (1 + dr) + s / (x + c) };
  };
  let lo = gamma, hi = gamma + pi + s;
  let glo = parts(lo).f - lo, ghi = parts(hi).f - hi;
  let side = 0, it = 0;
  let b = lo;
  if (glo <= 0) b = lo;
  else if (ghi >= 0) b = hi;
  else {
    for (it = 1; it <= 200; it++) {
      b = (lo * ghi - hi * glo) / (ghi - glo);
      const g = parts(b).f - b;
      if (g === 0 || hi - lo <= 1e-15 * hi) break;
      if (g > 0) {
        lo = b; glo = g;
        if (side === 1) ghi /= 2;
        side = 1;
      } else {
        hi = b; ghi = g;
        if (side === -1) glo /= 2;
        side = -1;
      }
    }
  }
  const { dr, x, c } = parts(b);
  if (!Number.isFinite(dr) || !Number.isFinite(x)) {
    throw new ConvergenceError(`toy fixed point (by b) failed (n=${n}, nHat=${nHat}, m=${m}, p=${p}, weight=${weight}, gamma=${gamma})`);
  }
  return { deltaR: dr, deltaS: x - 1, deltaG: c / x, iterations: it, method: 'jacobi' };
}

/**
 * The toy fixed point for a synthetic Gram weight `weight` (α in the published formulas, αβ for the
 * weighted classifier, ./weighted) that may vanish: when weight·(1−π) = 0 (m = 0, real data only,
 * or β = 0) the synthetic terms drop out, δ_s = δ_g = 0, and δ_r = p/(N b) with
 * b = γ + π/(1+δ_r), i.e. the positive root of γδ² + (γ + π − η)δ − η = 0 (η = p/N), in closed form
 * (method 'jacobi', 0 iterations). Otherwise exactly `toyFixedPointRaw`.
 */
export function toyFixedPointWeightedRaw(
  n: number, nHat: number, m: number, p: number, weight: number, gamma: number,
): ToyFixedPoint {
  const N = n + m;
  const pi = n / N;
  if (weight * (1 - pi) > 0) return toyFixedPointRaw(n, nHat, m, p, weight, gamma);
  const eta = p / N;
  const x = eta - gamma - pi;
  const disc = Math.sqrt(x * x + 4 * gamma * eta);
  const deltaR = x >= 0 ? (x + disc) / (2 * gamma) : (2 * eta) / (disc - x);
  return { deltaR, deltaS: 0, deltaG: 0, iterations: 0, method: 'jacobi' };
}

/**
 * The toy setting's fixed point (δ_r*, δ_s*, δ_g*) for validated parameters (‖μ‖ is not used),
 * with the published formulas' weight α (the paper mode; m = 0 allowed, see `toyFixedPointWeightedRaw`).
 */
export function toyFixedPoint(params: ToyParams): ToyFixedPoint {
  const q = validateToyParams(params);
  const { alpha } = noisePruning(q.epsilon, q.rho, q.phi);
  try {
    return toyFixedPointWeightedRaw(q.n, q.nHat, q.m, q.p, alpha, q.gamma);
  } catch (e) {
    if (e instanceof ConvergenceError) throw new ConvergenceError(`${e.message} [epsilon=${q.epsilon}, rho=${q.rho}, phi=${q.phi}]`);
    throw e;
  }
}

/**
 * Corollary 4.3's δ (synthetic data only, C = I, η_s = p/m):
 *   δ = (η_s α − α − γ + sqrt((α + γ − η_s α)² + 4 η_s α γ)) / (2γ),
 * the positive root of γδ² + (α + γ − αη_s)δ − αη_s = 0, evaluated without cancellation
 * (when x = η_s α − α − γ < 0 as 2η_s α/(sqrt(x² + 4η_s αγ) − x)). Equals Theorem 4.2's δ_s at n = 0.
 */
export function syntheticOnlyDelta(m: number, p: number, alpha: number, gamma: number): number {
  checkCount('m', m, 1);
  checkCount('p', p, 1);
  checkPositive('alpha', alpha);
  checkPositive('gamma', gamma);
  return syntheticOnlyDeltaRaw(m, p, alpha, gamma);
}

/**
 * `syntheticOnlyDelta` for inputs already validated (m > 0 need not be an integer here: the exact
 * pruning reduction evaluates it at m′ = αm, see ./pruning).
 */
export function syntheticOnlyDeltaRaw(m: number, p: number, alpha: number, gamma: number): number {
  const eta = p / m;
  const x = eta * alpha - alpha - gamma;
  const disc = Math.sqrt(x * x + 4 * eta * alpha * gamma);
  return x >= 0 ? (x + disc) / (2 * gamma) : (2 * eta * alpha) / (disc - x);
}
