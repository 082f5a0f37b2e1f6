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
 */
import { accuracyFromMoments, type TheoryResult } from './accuracy';
import { ConvergenceError, toyFixedPointRaw } from './fixed-points';
import { noisePruning, validateToyParams, type ToyParams } from './params';
import { applyPruning, describeProblem, pruningModeOf, type TheoryOptions } from './pruning';

/**
 * Accuracy, moments and fixed points of the toy setting; deltas = [δ_r, δ_s, δ_g] (in 'exact'
 * mode those of the reduced problem, N′ = n + αm).
 */
export function toyTheory(params: ToyParams, options?: TheoryOptions): TheoryResult {
  const given = validateToyParams(params);
  const mode = pruningModeOf(options);
  const where = describeProblem(given, mode);
  const q = applyPruning(given, mode);
  const { alpha, lambda } = noisePruning(q.epsilon, q.rho, q.phi);
  const { n, nHat, m, p, gamma } = q;
  const mu2 = q.mu * q.mu;
  let fp;
  try {
    fp = toyFixedPointRaw(n, nHat, m, p, alpha, gamma);
  } catch (e) {
    if (e instanceof ConvergenceError) throw new ConvergenceError(`${e.message} [${where}]`);
    throw e;
  }
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
  const acc = accuracyFromMoments(mean, secondMoment, `toy: ${where}`);
  return { ...acc, mean, secondMoment, deltas: [dr, ds, dg] };
}
