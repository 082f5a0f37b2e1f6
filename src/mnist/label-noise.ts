/**
 * Label noise of the MNIST experiment (El Firdoussi et al., Figure 7; spec figures.md): a share ε of
 * each class's synthetic images get the wrong label (k + 1) mod 10.
 *
 * The authors' code: of the m_k synthetic images of class k (a block, in generation order), the
 * first m_k − ⌊ε·m_k⌋ keep label k and the LAST ⌊ε·m_k⌋ get (k + 1) mod 10 — the floor, as for the
 * pruning counts ⌊φ·#correct⌋, ⌊ρ·#wrong⌋. The images are i.i.d., so which ones is equal in law to
 * a random choice; it matters only together with the pruning's "first ones" (./pruning.ts).
 *
 * Floors are taken with a relative guard of 1e-9 (⌊x·(1 + 1e-9)⌋) so that products such as
 * 0.29·100 = 28.999999999999996 count as 29, as the decimal parameters intend.
 */
import { MNIST_CLASSES } from './data';

/** ⌊share·count⌋ for share ∈ [0, 1] and an integer count ≥ 0, robust to decimal round-off. */
export function shareCount(share: number, count: number, name = 'share'): number {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${share}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
  return Math.min(count, Math.floor(share * count * (1 + 1e-9)));
}

/** The wrong label of the paper's label noise: k → (k + 1) mod 10. */
export function noisyLabel(k: number, classes = MNIST_CLASSES): number {
  return (k + 1) % classes;
}

/**
 * Labels ỹ for synthetic images whose true classes are `trueLabels`: within each class k, the last
 * ⌊ε·m_k⌋ images (in array order) get (k + 1) mod `classes`, the others keep k.
 */
export function applyLabelNoise(trueLabels: ArrayLike<number>, epsilon: number, classes = MNIST_CLASSES): Uint8Array {
  if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`epsilon (ε) must be in [0, 1], got ${epsilon}`);
  if (!Number.isInteger(classes) || classes < 2 || classes > 255) throw new RangeError(`classes must be an integer in 2..255, got ${classes}`);
  const m = new Int32Array(classes);
  for (let i = 0; i < trueLabels.length; i++) {
    const k = trueLabels[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes) throw new RangeError(`trueLabels[${i}] must be a class 0..${classes - 1}, got ${k}`);
    m[k]++;
  }
  const flips = Array.from(m, (mk) => shareCount(epsilon, mk, 'epsilon (ε)'));
  const seen = new Int32Array(classes);
  const out = new Uint8Array(trueLabels.length);
  for (let i = 0; i < trueLabels.length; i++) {
    const k = trueLabels[i];
    out[i] = seen[k] >= m[k] - flips[k] ? noisyLabel(k, classes) : k;
    seen[k]++;
  }
  return out;
}
