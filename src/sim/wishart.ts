/**
 * Wishart matrices by the Bartlett decomposition: if G is r×k with i.i.d. N(0, 1) entries, then
 * G·Gᵀ ~ Wishart_r(I, k) has the law of L·Lᵀ for the lower-trapezoidal L (r × min(r, k)) with
 * independent entries L_jj = √χ²_{k−j} (j = 0 … min(r,k)−1) and L_ij ~ N(0, 1) for i > j
 * (Gram–Schmidt on the rows of G: the j-th row's residual norm after projecting out j earlier rows
 * of a k-dimensional Gaussian is √χ²_{k−j}; its coordinates on those rows are N(0, 1)). When k < r
 * the matrix is singular of rank k and L is r×k. Cost: r·min(r,k) − min(r,k)²/2 normals and min(r,k)
 * chi-squares — never the r·k entries of G. The normals come from the ziggurat (random/ziggurat.ts).
 */
import type { Rng } from '../random/rng';
import { checkDim } from '../linalg/checks';
import { lowerGram, mirrorLower } from '../linalg/triangular';
import { zigguratNormal } from '../random/ziggurat';

/**
 * The Bartlett factor L of a Wishart_r(I, k) matrix (k ≥ 0 degrees of freedom): lower-trapezoidal
 * r × min(r, k), row-major, every entry multiplied by `scale` (scale = 1/√n̂ gives a factor of ZZᵀ/n̂).
 */
export function bartlettFactor(r: number, k: number, rng: Rng, scale = 1, out?: Float64Array): Float64Array {
  checkDim('r', r);
  checkDim('k (degrees of freedom)', k);
  const c = Math.min(r, k);
  const l = out && out.length >= r * c ? out : new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const o = i * c;
    const jmax = Math.min(i, c);
    for (let j = 0; j < jmax; j++) l[o + j] = scale * zigguratNormal(rng);
    if (i < c) {
      l[o + i] = scale * Math.sqrt(rng.chiSquare(k - i));
      for (let j = i + 1; j < c; j++) l[o + j] = 0;
    }
  }
  return l;
}

/** A Wishart_r(I, k) matrix (full symmetric r×r, row-major) from its Bartlett factor. */
export function sampleWishart(r: number, k: number, rng: Rng): Float64Array {
  const c = Math.min(r, k);
  const l = bartlettFactor(r, k, rng);
  return mirrorLower(lowerGram(l, r, c), r);
}
