/**
 * Corollary 4.3 of El Firdoussi et al. (2025): training on synthetic data only (n = 0) with
 * C = I and μ_β = μ, η_s = p/m:
 *   δ = (η_s α − α − γ + sqrt((α + γ − η_s α)² + 4η_s αγ)) / (2γ)
 *   D = α‖μ‖² + α + γ(1+δ),  E[g] = λ‖μ‖²/D
 *   h = 1 − αη_s/(α + γ(1+δ))²
 *   E[g²] = (λ‖μ‖)²/(hD) · ((‖μ‖² + 1)/D − 2(1−h)/α) + (1−h)/h
 * E[g] changes sign with λ, i.e. at ε* = (1 + ρ/φ)⁻¹ (see ./phase-transition).
 * With `{pruning: 'exact'}` the formulas are evaluated on the exact unpruned reduction
 * (m′ = αm, ε′ = ερ/α, ρ′ = φ′ = 1, γ′ = γ/α; see ./pruning), which matches a 0/1 pruning mask;
 * the default 'paper' reproduces the published formulas (exact only for α = 1). λ′ = λ/α, so the
 * sign change, ε*, is the same in both modes.
 * The mixing weight β (`weight`, 'exact' mode only, > 0 here): w_β(γ) = w_1(γ/β) exactly when
 * n = 0 (./weighted), so the formulas are evaluated with γ/β (after the pruning reduction).
 */
import { accuracyFromMoments, type TheoryResult } from './accuracy';
import { syntheticOnlyDeltaRaw } from './fixed-points';
import { validateSyntheticOnlyParams, type SyntheticOnlyParams } from './params';
import { describeProblem, type TheoryOptions } from './pruning';
import { prunedWeightedProblem } from './weighted';

/** Accuracy, moments and δ of the synthetic-only setting; deltas = [δ] (in 'exact' mode, the reduced problem's). */
export function syntheticOnlyTheory(params: SyntheticOnlyParams, options?: TheoryOptions): TheoryResult {
  const given = validateSyntheticOnlyParams(params);
  const { mode, q, alpha, lambda } = prunedWeightedProblem(given, 0, options);
  const { m, p } = q;
  const gamma = q.gamma / q.weight; // w_β(γ) = w_1(γ/β) (β = 1: γ itself)
  const mu2 = q.mu * q.mu;
  const etaS = p / m;
  const delta = syntheticOnlyDeltaRaw(m, p, alpha, gamma);
  const D = alpha * mu2 + alpha + gamma * (1 + delta);
  const mean = (lambda * mu2) / D;
  const e = alpha + gamma * (1 + delta);
  const h = 1 - (alpha * etaS) / (e * e);
  const secondMoment = ((lambda * lambda * mu2) / (h * D)) * ((mu2 + 1) / D - (2 * (1 - h)) / alpha) + (1 - h) / h;
  const acc = accuracyFromMoments(mean, secondMoment, () => `synthetic-only: ${describeProblem(given, mode)}`); // built only for an error
  return { ...acc, mean, secondMoment, deltas: [delta] };
}
