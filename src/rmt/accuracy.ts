/**
 * From the moments of the decision g(x) = wᵀx on a real test sample of class y = +1 to the test
 * accuracy (El Firdoussi et al., Theorems 4.1/4.2): g is asymptotically Gaussian with mean E[g] and
 * variance E[g²] − E[g]², so
 *   accuracy = Φ(E[g] / sqrt(E[g²] − E[g]²))          (signed: < 1/2 past the phase transition)
 *   accuracySymmetric = max(accuracy, 1 − accuracy)    (= 1 − Q(|E[g]|/σ), the reference code's).
 */
import { normalCdf } from '../stats/normal-cdf';

/**
 * The parameters lie outside the theory's domain (non-finite moments, a non-positive variance, or
 * no data to fit): a RangeError (same name and message as before) that callers such as the
 * optimiser can tell from a bad argument.
 */
export class TheoryDomainError extends RangeError {}

/** What every setting's theory returns. */
export interface TheoryResult {
  /** signed test accuracy Φ(E[g]/σ) */
  accuracy: number;
  /** max(accuracy, 1 − accuracy) = Φ(|E[g]|/σ) */
  accuracySymmetric: number;
  /** E[g] */
  mean: number;
  /** E[g²] */
  secondMoment: number;
  /** fixed points: [δ_r, δ_s, δ_g] (toy), [δ, δ_s] (general), [δ] (synthetic-only) */
  deltas: number[];
}

/**
 * Signed and symmetric accuracy from E[g] and E[g²]. Throws a RangeError (naming `context`, the
 * parameters, or a function building them, called only then) when a moment is not finite or the variance E[g²] − E[g]² is not positive, rather
 * than returning NaN.
 */
export function accuracyFromMoments(
  mean: number, secondMoment: number, context: string | (() => string) = '',
): { accuracy: number; accuracySymmetric: number } {
  const variance0 = secondMoment - mean * mean;
  if (Number.isFinite(mean) && Number.isFinite(secondMoment) && variance0 > 0) {
    const z0 = mean / Math.sqrt(variance0);
    return { accuracy: normalCdf(z0), accuracySymmetric: normalCdf(Math.abs(z0)) };
  }
  const text = typeof context === 'function' ? context() : context; // built only for the error
  const where = text ? ` (${text})` : '';
  if (!Number.isFinite(mean) || !Number.isFinite(secondMoment)) {
    throw new TheoryDomainError(`moments are not finite: E[g] = ${mean}, E[g^2] = ${secondMoment}${where}`);
  }
  const variance = secondMoment - mean * mean;
  if (!(variance > 0)) {
    throw new TheoryDomainError(
      `variance E[g^2] - E[g]^2 = ${variance} must be > 0 (E[g] = ${mean}, E[g^2] = ${secondMoment})${where}: ` +
        `the parameters are outside the theory's domain`,
    );
  }
  const z = mean / Math.sqrt(variance);
  return { accuracy: normalCdf(z), accuracySymmetric: normalCdf(Math.abs(z)) };
}
