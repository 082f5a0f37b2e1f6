/**
 * The toy setting of El Firdoussi et al. (2025): synthetic samples x = y·μ + Ĉ^{1/2}z with
 * Ĉ = ZZᵀ/n̂ estimated from n̂ real samples (μ_β = μ), so the synthetic covariance is replaced by
 * its deterministic equivalent through the fixed point (δ_r*, δ_s*, δ_g*). Formulas of theory.md:
 *   a = π/(1+δ_r) + α(1−π)/(1+δ_s)
 *   b = γ + π/(1+δ_r) + α(1−π)/((1+δ_s)(1+δ_g))
 *   c = π/(1+δ_r) + λ(1−π)/(1+δ_s)
 *   E[g] = c‖μ‖²/(b + a‖μ‖²)
 *   h̄ = 1 − (α(1−π)/((1+δ_s)(1+δ_g)))² · p/(n̂ b²),  t = η/b²
 *   a1 = πt/(h̄(1+δ_r)²),  b1 = b2 = α(1−π)t/(h̄(1+δ_s)²(1+δ_g)²),  h = 1 − a1 − b2
 *   r = c‖μ‖²/(h(b + a‖μ‖²)²)
 *   s = c(1 + b1 − b2)‖μ‖² + c/h̄ − 2(a1 + λb1/α)(b + a‖μ‖²)
 *   E[g²] = r·s + (a1 + b1)/h
 * With `{pruning: 'exact'}` the formulas are evaluated on the exact unpruned reduction
 * (m′ = αm, ε′ = ερ/α, ρ′ = φ′ = 1, γ′ = γ(n+m)/(n+αm); see ./pruning), which matches a 0/1
 * pruning mask; the default 'paper' reproduces the published formulas (exact only for α = 1).
 * The mixing weight β (`weight`, 'exact' mode only) enters as derived in ./weighted (β ≠ 1:
 * Theorem 4.2 with Marchenko–Pastur equivalents). m = 0 (real data only) is allowed.
 */
import { accuracyFromMoments, type TheoryResult } from './accuracy';
import { ConvergenceError, toyFixedPointBracketed, toyFixedPointWeightedRaw, type ToyFixedPoint } from './fixed-points';
import { validateToyParams, type ToyParams } from './params';
import { describeProblem, type TheoryOptions } from './pruning';
import { theorem42SecondMoment } from './theorem42';
import { prunedWeightedProblem } from './weighted';

/** Fixed point of the (reduced) problem with synthetic Gram weight `gw`, errors naming the parameters. */
function fixedPoint(n: number, nHat: number, m: number, p: number, gw: number, gamma: number, where: () => string): ToyFixedPoint {
  try {
    return toyFixedPointWeightedRaw(n, nHat, m, p, gw, gamma);
  } catch (e) {
    if (e instanceof ConvergenceError) throw new ConvergenceError(`${e.message} [${where()}]`);
    throw e;
  }
}

/** The published toy formulas (β = 1) at a fixed point: E[g] and E[g²]. */
function publishedMoments(
  n: number, nHat: number, m: number, p: number, mu2: number, gamma: number,
  alpha: number, lambda: number, fp: ToyFixedPoint,
): { mean: number; secondMoment: number } {
  const { deltaR: dr, deltaS: ds, deltaG: dg } = fp;
  const N = n + m;
  const pi = n / N;
  const eta = p / N;
  const s1 = alpha * (1 - pi);
  const a = pi / (1 + dr) + s1 / (1 + ds);
  const kg = s1 / ((1 + ds) * (1 + dg));
  const b = gamma + pi / (1 + dr) + kg;
  const c = pi / (1 + dr) + (lambda * (1 - pi)) / (1 + ds);
  const den = b + a * mu2;
  const mean = (c * mu2) / den;
  const hBar = 1 - (kg * kg * p) / (nHat * b * b);
  const t = eta / (b * b);
  const a1 = (pi * t) / (hBar * (1 + dr) * (1 + dr));
  const b1 = (s1 * t) / (hBar * (1 + ds) * (1 + ds) * (1 + dg) * (1 + dg));
  const b2 = b1;
  const h = 1 - a1 - b2;
  const r = (c * mu2) / (h * den * den);
  const s = c * (1 + b1 - b2) * mu2 + c / hBar - 2 * (a1 + (lambda * b1) / alpha) * den;
  const secondMoment = r * s + (a1 + b1) / h;
  return { mean, secondMoment };
}

/**
 * Accuracy, moments and fixed points of the toy setting; deltas = [δ_r, δ_s, δ_g] (in 'exact'
 * mode those of the reduced problem, N′ = n + αm). β = 1 (or m = 0): the published formulas. A
 * weight β ≠ 1 ('exact' mode only): E[g] of the published form at the fixed point of Gram weight
 * αβ (it is exact) and E[g²] from Theorem 4.2 with Marchenko–Pastur equivalents,
 * `toySecondMomentTheorem` (see ./weighted for why, and for the step this leaves at β = 1).
 */
export function toyTheory(params: ToyParams, options?: TheoryOptions): TheoryResult {
  const given = validateToyParams(params);
  const { mode, q, alpha, lambda } = prunedWeightedProblem(given, given.n, options);
  const where = (): string => describeProblem(given, mode); // error messages only
  const { n, nHat, m, p, gamma } = q;
  const beta = q.weight;
  const mu2 = q.mu * q.mu;
  let mean: number, secondMoment: number, fp: ToyFixedPoint;
  if (beta === 1 || m === 0) {
    fp = fixedPoint(n, nHat, m, p, alpha, gamma, where);
    ({ mean, secondMoment } = publishedMoments(n, nHat, m, p, mu2, gamma, alpha, lambda, fp));
  } else {
    fp = beta > 0 ? toyFixedPointBracketed(n, nHat, m, p, alpha * beta, gamma) : fixedPoint(n, nHat, m, p, 0, gamma, where);
    mean = publishedMoments(n, nHat, m, p, mu2, gamma, alpha * beta, lambda * beta, fp).mean;
    secondMoment = toySecondMomentTheorem(n, nHat, m, p, mu2, gamma, alpha, lambda, beta, fp.deltaR, fp.deltaS, fp.deltaG);
  }
  const acc = accuracyFromMoments(mean, secondMoment, () => `toy: ${where()}`);
  return { ...acc, mean, secondMoment, deltas: [fp.deltaR, fp.deltaS, fp.deltaG] };
}

/**
 * E[g²] of the toy setting from Theorem 4.2 itself, with C = βĈ's traces and quadratic forms
 * replaced by their Marchenko–Pastur deterministic equivalents (no b2 = b1 shortcut), for the
 * (reduced) problem with Gram weight αβ. See ./weighted.
 */
export function toySecondMomentTheorem(
  n: number, nHat: number, m: number, p: number, mu2: number, gamma: number,
  alpha: number, lambda: number, beta: number, dr: number, ds: number, dg: number,
): number {
  const N = n + m;
  const pi = n / N;
  const eta = p / N;
  const kappa = Math.sqrt(beta);
  const gw = alpha * beta;
  const kr = pi / (1 + dr);
  const ks = (gw * (1 - pi)) / (1 + ds);
  const a = kr + ks;
  const b = gamma + kr + ks / (1 + dg);
  const D = b + a * mu2;
  const hBar = 1 - ((ks / (1 + dg)) ** 2 * p) / (nHat * b * b);
  const bPrime = 1 / (hBar * (1 + dg) * (1 + dg)); // db/dk_s
  // traces per N: tr R², tr ĈR², tr (ĈR)² with R = ((γ + k_r)I + k_s Ĉ)⁻¹
  const tR2 = eta / (b * b * hBar);
  const tCR2 = tR2 / ((1 + dg) * (1 + dg));
  const tCRCR = (eta * (bPrime * (1 + dg) + (p / nHat) * (1 - (ks * bPrime) / b))) / (b * b * (1 + dg) * (1 + dg));
  const t1 = tR2, t2 = beta * beta * tCRCR, t3 = beta * tCR2;
  const rho0 = mu2 / D;
  const X = mu2 / (D * D * hBar);
  const Y = X / ((1 + dg) * (1 + dg));
  const Amm = rho0 * rho0 + X, Bmm = beta * (rho0 * rho0 + Y);
  return theorem42SecondMoment(pi, alpha, kappa * lambda, dr, ds, {
    qmm: rho0, qmb: kappa * rho0, qbb: beta * rho0,
    Amm, Amb: kappa * Amm, Abb: beta * Amm,
    Bmm, Bmb: kappa * Bmm, Bbb: beta * Bmm,
    t1, t2, t3,
  }, beta);
}
