/**
 * Pruning (El Firdoussi et al., §3): a verifier keeps a synthetic sample (q_i = 1) with probability
 * φ if its label is correct (ỹ_i = y_i) and ρ if it is wrong (ỹ_i ≠ y_i); D_q = diag(q). Combined
 * with label noise ε, each synthetic sample is independently kept-correct with probability (1−ε)φ,
 * kept-wrong with probability ερ, dropped otherwise; α = (1−ε)φ + ερ, λ = (1−ε)φ − ερ.
 */
import type { Rng } from '../random/rng';
import { checkCount, checkProbability } from '../stats/validators';

/** The pruning mask q ∈ {0, 1}^m (the diagonal of D_q) for true labels y and noisy labels ỹ. */
export function pruneMask(y: ArrayLike<number>, yTilde: ArrayLike<number>, rho: number, phi: number, rng: Rng): Float64Array {
  const r = checkProbability('rho', rho);
  const f = checkProbability('phi', phi);
  if (y.length !== yTilde.length) {
    throw new RangeError(`y and yTilde must have the same length, got ${y.length} and ${yTilde.length}`);
  }
  const q = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) q[i] = rng.uniform() < (yTilde[i] === y[i] ? f : r) ? 1 : 0;
  return q;
}

/** Numbers of kept synthetic samples with a correct and with a wrong label. */
export interface KeptCounts {
  keptCorrect: number;
  keptWrong: number;
}

/** Counts of q_i = 1 among correct and wrong labels (y, ỹ, q as produced by flipLabels/pruneMask). */
export function countKept(y: ArrayLike<number>, yTilde: ArrayLike<number>, q: ArrayLike<number>): KeptCounts {
  let keptCorrect = 0, keptWrong = 0;
  for (let i = 0; i < y.length; i++) {
    if (q[i] === 0) continue;
    if (yTilde[i] === y[i]) keptCorrect++;
    else keptWrong++;
  }
  return { keptCorrect, keptWrong };
}

/**
 * The joint law of the kept counts without drawing the samples: (kept-correct, kept-wrong, dropped)
 * ~ Multinomial(m; (1−ε)φ, ερ, 1 − α) — exactly the law of `countKept` after flipLabels + pruneMask.
 */
export function sampleKeptCounts(m: number, epsilon: number, rho: number, phi: number, rng: Rng): KeptCounts {
  checkCount('m', m, 0);
  const e = checkProbability('epsilon', epsilon);
  const r = checkProbability('rho', rho);
  const f = checkProbability('phi', phi);
  const pc = (1 - e) * f, pw = e * r;
  const [keptCorrect, keptWrong] = rng.multinomial(m, [pc, pw, Math.max(0, 1 - pc - pw)]);
  return { keptCorrect, keptWrong };
}
