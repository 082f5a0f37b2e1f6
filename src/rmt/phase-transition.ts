/**
 * The phase transition in label noise (El Firdoussi et al., Corollary 4.3 / Figure 4): with
 * synthetic data only, E[g] ∝ λ = φ(1−ε) − ρε, which vanishes at
 *   ε* = φ/(φ + ρ) = (1 + ρ/φ)⁻¹.
 * Below ε* the classifier is better than chance, above it worse (signed accuracy < 1/2).
 * The same ε* holds for the exact treatment of a 0/1 pruning mask (./pruning): there the label
 * noise among kept samples is ε′ = ερ/α and λ′ = 1 − 2ε′ = λ/α vanishes where λ does.
 */
import { checkProbability } from '../stats/validators';

/** ε* = φ/(φ + ρ) for ρ, φ ∈ [0, 1], not both 0 (ρ = 0 gives ε* = 1: no transition inside [0, 1)). */
export function epsilonStar(rho: number, phi: number): number {
  const r = checkProbability('rho', rho);
  const f = checkProbability('phi', phi);
  if (r === 0 && f === 0) {
    throw new RangeError(`rho and phi must not both be 0 (every synthetic sample pruned), got rho=0, phi=0`);
  }
  return f / (f + r);
}
