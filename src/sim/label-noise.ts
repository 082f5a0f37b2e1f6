/**
 * Label noise of the synthetic data (El Firdoussi et al., §3): each synthetic label is flipped
 * independently with probability ε, giving the noisy labels ỹ the classifier is trained on.
 */
import type { Rng } from '../random/rng';
import { checkProbability } from '../stats/validators';

/** ỹ_i = −y_i with probability ε, else y_i (independently). */
export function flipLabels(y: ArrayLike<number>, epsilon: number, rng: Rng): Float64Array {
  const e = checkProbability('epsilon', epsilon);
  const out: Float64Array = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = rng.uniform() < e ? -y[i] : y[i];
  return out;
}
