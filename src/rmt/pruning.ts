/**
 * How the theory treats pruning: the published formulas ('paper') or the exact reduction of a
 * 0/1 pruning mask to an unpruned problem ('exact').
 *
 * The quirk. The model keeps synthetic sample i with a 0/1 weight q_i (D_q = diag(q)). The
 * published formulas (theory.md, the reference implementation) give every synthetic sample the
 * weight α = φ(1−ε) + ρε instead: δ_s = α·(1/N)Σ c_i/d_i and terms α(1−π)·c/(1+δ_s). The correct
 * deterministic equivalent of a 0/1 weight is E[q/(1 + qδ̃)] = α/(1 + δ̃) with δ̃ = (1/N) tr(CQ̄),
 * no α inside; the two agree only for α = 1. With α < 1 the formulas' E[g], E[g²] sit a few per
 * cent above the simulated ones at every p (not a finite-size effect): e.g. Corollary 4.3 with
 * m = 600, p = 200, ‖μ‖ = 1.5, ε = 0.3, ρ = 0.3, φ = 0.8 gives E[g] = 0.3253, the simulation 0.318.
 *
 * The exact reduction (an identity of the model). With m_k kept samples and N = n + m,
 *   w = ((S_r + S_k)/N + γI)⁻¹ (t_r + t_k)/N = ((S_r + S_k)/N′ + γ′I)⁻¹ (t_r + t_k)/N′,
 *   N′ = n + m_k, γ′ = γN/N′,
 * so the pruned classifier IS the unpruned one trained on m′ = m_k synthetic samples, whose labels
 * are wrong with probability ε′ = ερ/α (the wrong share among kept samples), with ρ′ = φ′ = 1 and
 * penalty γ′. Asymptotically m_k = αm, hence
 *   m′ = αm,  ε′ = ερ/α,  ρ′ = φ′ = 1,  γ′ = γ(n + m)/(n + αm)      (α′ = 1, λ′ = 1 − 2ε′ = λ/α),
 * and the published formulas are exact for the reduced problem (α′ = 1). λ′ = λ/α changes sign
 * at the same ε, so ε* = φ/(φ + ρ) is unchanged. m′ is in general not an integer: the mapping is
 * applied after the user's parameters have been validated (counts must be integers there).
 */
import { describeParams, noisePruning } from './params';

/** 'paper': the published formulas (the default, reproduces the reference); 'exact': the 0/1-mask reduction. */
export type PruningMode = 'paper' | 'exact';

/** The allowed pruning modes, in the order error messages list them. */
export const PRUNING_MODES: readonly PruningMode[] = ['paper', 'exact'];

/** Options of the theory functions (`toyTheory`, `syntheticOnlyTheory`, `generalTheory`, …). */
export interface TheoryOptions {
  /** how pruning enters the formulas (default 'paper'; see this module's comment) */
  pruning?: PruningMode;
}

/** A validated pruning mode; RangeError naming the bad value and the allowed ones. */
export function checkPruningMode(x: unknown): PruningMode {
  if (typeof x !== 'string' || !(PRUNING_MODES as readonly string[]).includes(x)) {
    const got = typeof x === 'string' ? JSON.stringify(x) : String(x);
    throw new RangeError(`pruning must be one of ${PRUNING_MODES.map((m) => JSON.stringify(m)).join(', ')}, got ${got}`);
  }
  return x as PruningMode;
}

/** The pruning mode of a theory-options argument (undefined → 'paper'); rejects unknown options. */
export function pruningModeOf(options: unknown): PruningMode {
  if (options === undefined) return 'paper';
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new RangeError(`theory options must be an object {pruning?: "paper" | "exact"}, got ${JSON.stringify(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (k !== 'pruning') throw new RangeError(`unknown theory option ${JSON.stringify(k)}; allowed: pruning`);
  }
  const mode = (options as TheoryOptions).pruning;
  return mode === undefined ? 'paper' : checkPruningMode(mode);
}

/** The fields the reduction reads and rewrites (n = 0 when absent: synthetic data only). */
export interface PrunedProblem {
  n?: number;
  m: number;
  epsilon: number;
  rho: number;
  phi: number;
  gamma: number;
}

/**
 * The unpruned problem equal to a pruned one (validated parameters): m′ = αm, ε′ = ερ/α,
 * ρ′ = φ′ = 1, γ′ = γ(n + m)/(n + αm); every other field is kept. m′ may be non-integer.
 */
export function exactPruningReduction<T extends PrunedProblem>(q: T): T {
  const { alpha } = noisePruning(q.epsilon, q.rho, q.phi);
  const n = q.n ?? 0;
  const m = alpha * q.m;
  return {
    ...q,
    m,
    // ερ ≤ α always; min guards the last bit when φ(1−ε) = 0
    epsilon: Math.min(1, (q.epsilon * q.rho) / alpha),
    rho: 1,
    phi: 1,
    gamma: (q.gamma * (n + q.m)) / (n + m), // n + αm > 0 since n + m > 0 and α > 0
  };
}

/** The problem the formulas are evaluated on: `q` itself ('paper') or its exact reduction. */
export function applyPruning<T extends PrunedProblem>(q: T, mode: PruningMode): T {
  return mode === 'exact' ? exactPruningReduction(q) : q;
}

/** "name=value, …" of the user's parameters, plus ", pruning=exact" in exact mode (error contexts). */
export function describeProblem(q: object, mode: PruningMode): string {
  return mode === 'exact' ? `${describeParams(q)}, pruning=exact` : describeParams(q);
}
