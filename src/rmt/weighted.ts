/**
 * The weighted classifier (theory.md, last section; the reviewers' "general mixing parameter"):
 * every kept synthetic sample gets the weight β ≥ 0,
 *
 *   w_β = ( (X_r X_rᵀ + β X_s D_q X_sᵀ)/N + γ I_p )⁻¹ (X_r y + β X_s D_q ỹ)/N,   N = n + m.
 *
 * β = 1 is the paper's classifier; β = 0 trains on the real data alone (penalty γ, normalisation N).
 * Only the exact-pruning mode models β (the published formulas, 'paper', are kept for β = 1 and any
 * other weight there is an error, `checkWeightForMode`).
 *
 * Derivation. (0) Exact pruning (./pruning): the 0/1 mask reduces the problem to an unpruned one
 * (m′ = αm, ε′ = ερ/α, γ′ = γ(n+m)/(n+αm)); that identity holds for any β because it only removes
 * the dropped columns, so below every synthetic sample is kept (α′ = 1) and its label agrees with
 * the class with E[yỹ] = λ′ = 1 − 2ε′.
 * (1) Rescaling. With x̃_j = √β x_j, β X_s X_sᵀ = X̃ X̃ᵀ and β X_s ỹ = √β X̃ ỹ: w_β is the ridge
 * classifier of Theorem 4.2 (α = 1) on real samples (μ, I) and synthetic samples of mean √β μ_β
 * and covariance βC, except that the synthetic labels enter the target scaled by κ = √β.
 * (2) What carries over from Theorem 4.2. The resolvent, hence (δ, δ_s), Q̄, t1..t3, a1, a2, b1,
 * b2, h and E, does not see the labels: it is Theorem 4.2's with C → βC, μ_β → √βμ_β, i.e. a
 * synthetic Gram weight β (δ_s = β tr(CQ̄)/N, terms β(1−π)(·)/(1+δ_s)). The target is linear in
 * the labels, so every term of E[g] and E[g²] carries κ to the number of synthetic-label factors it
 * holds: E[g] and s1 through λ (κλ), s2's cross term through λ (κλ), s3 through λ, λ² and its
 * leading α = E[ỹ²] (→ κ²α = β). Nothing else changes. Hence, for the general setting, Theorem 4.2
 * evaluated at (c_i → βc_i, μ_β → √βμ_β, λ → √βλ, s3's leading α → βα) — see ./general.
 * (3) Synthetic data only (n = 0): w_β(γ) = (βS/N + γI)⁻¹βt/N = w_1(γ/β) exactly, so
 * Corollary 4.3 holds with γ → γ/β (./synthetic-only); β = 0 leaves w = 0 and is rejected.
 * (4) Toy setting (C = Ĉ = ZZᵀ/n̂, μ_β = μ). (2) applies with C = Ĉ, whose traces and quadratic
 * forms concentrate on their Marchenko–Pastur equivalents: with R = (uI + k_sĈ)⁻¹, u = γ + π/(1+δ_r),
 * k_s = αβ(1−π)/(1+δ_s), b = u + k_s/(1+δ_g) and h̄ as in the published toy formulas (h̄ = 1/(db/du)),
 *   tr R²/N = η/(b²h̄),  tr ĈR²/N = η/(b²h̄(1+δ_g)²)  (= −∂tr R/∂k_s / N),
 *   tr (ĈR)²/N = η[b′(1+δ_g) + (p/n̂)(1 − k_s b′/b)]/(b²(1+δ_g)²),  b′ = db/dk_s = 1/(h̄(1+δ_g)²),
 *   μᵀQ̄μ = ‖μ‖²/D, μᵀQ̄²μ = ‖μ‖²/(h̄D²), μᵀQ̄ĈQ̄μ = μᵀQ̄²μ/(1+δ_g)²,  D = b + a‖μ‖²,
 * and the fixed point is the published one with α → αβ (δ_s = αβ tr(ĈQ̄)/N). E[g] = c‖μ‖²/D with
 * c = π/(1+δ_r) + βλ(1−π)/(1+δ_s) (the published form, exact); E[g²] is (2)'s
 * (`toySecondMomentTheorem`). The published toy E[g²] is NOT this formula at β = 1: it sets
 * tr(ĈR)² and tr ĈR² to the same value (b2 = b1) and drops b1(μᵀQ̄ĈQ̄μ − μᵀQ̄²μ), an
 * approximation whose error is invisible at β = 1 (~1e-3 in accuracy, inside the simulations'
 * resolution) but grows with β (β = 10: 0.697 against a simulated 0.716 ± 0.001, where (2) gives
 * 0.718). So β = 1 keeps the published formulas bit for bit (the project's exact mode) and β ≠ 1
 * uses (2): accuracy against β has a step of that published error at β = 1 (the optimiser,
 * ./optimize, evaluates β = 1 on its own). At n = 0, (2) satisfies (3)'s identity exactly.
 * For β ≠ 1 the fixed point is solved as one equation in b (`toyFixedPointBracketed`, ~7 steps,
 * equal to the Jacobi iteration's to its 1e-12 tolerance), so a weighted point costs no more than
 * a published one.
 * m = 0 or β = 0 (no synthetic term) leaves the real-data-only ridge theory: δ_s = δ_g = 0 and
 * δ_r = p/(N b) in closed form (./fixed-points `toyFixedPointWeightedRaw`).
 * Validation: simulations of w_β for β in (0, 10] in the three settings (test/sim/weighted.test.ts).
 */
import { TheoryDomainError } from './accuracy';
import { noisePruning } from './params';
import { applyPruning, pruningModeOf, type PrunedProblem, type PruningMode, type TheoryOptions } from './pruning';

/** The weight β of the published formulas' classifier. */
export const PAPER_WEIGHT = 1;

/**
 * β is modelled only in 'exact' mode: in 'paper' mode any weight other than 1 is a RangeError
 * naming the weight and telling to use pruning "exact".
 */
export function checkWeightForMode(weight: number, mode: PruningMode): void {
  if (mode === 'paper' && weight !== PAPER_WEIGHT) {
    throw new RangeError(
      `weight = ${weight} needs pruning "exact": the published formulas (pruning "paper") hold only for weight 1; ` +
        `use pruning "exact" (--pruning exact, or "pruning": "exact" in a batch line)`,
    );
  }
}

/** With no real data (n = 0) a zero weight leaves w = 0: a RangeError naming the weight. */
export function checkWeightWithoutRealData(weight: number, n: number): void {
  if (n === 0 && !(weight > 0)) {
    throw new TheoryDomainError(`weight must be > 0 when there is no real data (n = 0): weight 0 leaves w = 0, got ${weight}`);
  }
}

/**
 * The first steps of every setting's theory after its own parameter checks: the pruning mode, the
 * weight's checks (above), the exact-pruning reduction (./pruning) and (α, λ) of the label noise
 * and pruning (./params). `n`: the real samples (0 for the synthetic-only setting).
 */
export function prunedWeightedProblem<T extends PrunedProblem & { weight: number }>(
  given: T, n: number, options?: TheoryOptions,
): { mode: PruningMode; q: T; alpha: number; lambda: number } {
  const mode = pruningModeOf(options);
  checkWeightForMode(given.weight, mode);
  checkWeightWithoutRealData(given.weight, n);
  const q = applyPruning(given, mode);
  const { alpha, lambda } = noisePruning(q.epsilon, q.rho, q.phi);
  return { mode, q, alpha, lambda };
}
