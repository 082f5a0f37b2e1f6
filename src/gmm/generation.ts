/**
 * Gan & Liu's GMM simulation of synthetic-data generation (§2 "simulation", Appendix B, Figure 5):
 *
 * - ground truth (gt-GMM): K + J components with equal weights — the "anchor sample part" (first
 *   K) and the "unsampled part" (next J); means uniform in [0, 10)^d, covariances A Aᵀ with A
 *   uniform in [0, 1)^{d×d}. (The reference code multiplies two *independent* uniform matrices,
 *   A Bᵀ, which is not symmetric; numpy's sampler only warns. We use A Aᵀ, a valid covariance.
 *   A Aᵀ is singular when det A = 0 — probability 0, but near-singular draws occur; a draw whose
 *   A Aᵀ is not numerically positive definite is redrawn.)
 * - anchor data: N_k samples from each of the first K components (labelled by component);
 * - generator M: K + J + L components, equal weights — the first K are the sample mean and the
 *   unbiased sample covariance (numpy.cov) of each component's anchor samples, + 1e-6·I; the next J
 *   are the true unsampled components; the last L are new random "task-irrelevant" components,
 *   drawn like the ground truth;
 * - synthetic data: n samples of M.
 */
import type { Rng } from '../random/rng';
import { choleskyInto, createMixture, prepareMixture, sampleGmm, type GaussianMixture } from './mixture';
import { paramInteger } from '../stats/validators';

/** Mean range [0, MEAN_SCALE) per axis, as the reference code. */
export const GMM_MEAN_SCALE = 10;
/** Regularisation added to each anchor-estimated covariance of the generator M. */
export const GENERATOR_REG = 1e-6;

/**
 * `count` random components into means (offset mOff·d) and covariances (offset mOff·d·d): means
 * uniform in [0, 10)^d, covariances A Aᵀ, A uniform in [0, 1)^{d×d} (redrawn if not numerically PD).
 */
export function drawRandomComponents(count: number, d: number, rng: Rng, means: Float64Array, covs: Float64Array, offset = 0): void {
  const dd = d * d;
  const A = new Float64Array(dd);
  const L = new Float64Array(dd);
  for (let c = offset; c < offset + count; c++) {
    for (let a = 0; a < d; a++) means[c * d + a] = rng.uniform() * GMM_MEAN_SCALE;
    for (let attempt = 0; ; attempt++) {
      for (let e = 0; e < dd; e++) A[e] = rng.uniform();
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          let s = 0;
          for (let m = 0; m < d; m++) s += A[i * d + m] * A[j * d + m];
          covs[c * dd + i * d + j] = s;
        }
      }
      if (choleskyInto(d, covs, c * dd, L, 0)) break;
      if (attempt > 1000) throw new Error('could not draw a positive definite A Aᵀ in 1000 attempts');
    }
  }
}

/** The ground truth: K + J random components, equal weights. */
export function gmmGroundTruth(K: number, J: number, d: number, rng: Rng): GaussianMixture {
  paramInteger('K', K, 1);
  paramInteger('J', J, 0);
  paramInteger('d', d, 1);
  const k = K + J;
  const means = new Float64Array(k * d);
  const covs = new Float64Array(k * d * d);
  drawRandomComponents(k, d, rng, means, covs);
  return createMixture(d, new Float64Array(k).fill(1 / k), means, covs);
}

export interface AnchorData {
  /** K·N_k points (n·d), component by component. */
  points: Float64Array;
  /** The true component of each point. */
  labels: Int32Array;
  perComponent: number;
}

/** N_k samples from each of the first K components of the truth. */
export function gmmAnchorData(truth: GaussianMixture, K: number, perComponent: number, rng: Rng): AnchorData {
  paramInteger('K', K, 1);
  if (K > truth.k) throw new RangeError(`K = ${K} exceeds the truth's ${truth.k} components`);
  paramInteger('anchor samples per component N_k', perComponent, 2);
  const d = truth.d, dd = d * d;
  const points = new Float64Array(K * perComponent * d);
  const labels = new Int32Array(K * perComponent);
  for (let c = 0; c < K; c++) {
    const single = createMixture(d, [1], truth.means.subarray(c * d, c * d + d), truth.covariances.subarray(c * dd, c * dd + dd));
    sampleGmm(prepareMixture(single), perComponent, rng, points.subarray(c * perComponent * d, (c + 1) * perComponent * d));
    labels.fill(c, c * perComponent, (c + 1) * perComponent);
  }
  return { points, labels, perComponent };
}

/** The generator M: K anchor-estimated, J true (unsampled), L new random components, equal weights. */
export function gmmGenerator(truth: GaussianMixture, anchor: AnchorData, K: number, J: number, L: number, rng: Rng): GaussianMixture {
  paramInteger('K', K, 1);
  paramInteger('J', J, 0);
  paramInteger('L', L, 0);
  if (truth.k !== K + J) throw new RangeError(`the truth has ${truth.k} components, expected K + J = ${K + J}`);
  const d = truth.d, dd = d * d;
  const k = K + J + L;
  const means = new Float64Array(k * d);
  const covs = new Float64Array(k * d * d);
  const nk = anchor.perComponent;
  for (let c = 0; c < K; c++) {
    const off = c * nk * d;
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let i = 0; i < nk; i++) s += anchor.points[off + i * d + a];
      means[c * d + a] = s / nk;
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let i = 0; i < nk; i++) {
          s += (anchor.points[off + i * d + a] - means[c * d + a]) * (anchor.points[off + i * d + b] - means[c * d + b]);
        }
        const v = s / (nk - 1) + (a === b ? GENERATOR_REG : 0);
        covs[c * dd + a * d + b] = v;
        covs[c * dd + b * d + a] = v;
      }
    }
  }
  means.set(truth.means.subarray(K * d, (K + J) * d), K * d);
  covs.set(truth.covariances.subarray(K * dd, (K + J) * dd), K * dd);
  drawRandomComponents(L, d, rng, means, covs, K + J);
  return createMixture(d, new Float64Array(k).fill(1 / k), means, covs);
}

/** n samples of the generator M. */
export function gmmSyntheticData(generator: GaussianMixture, n: number, rng: Rng): Float64Array {
  paramInteger('number of synthetic samples', n, 1);
  return sampleGmm(prepareMixture(generator), n, rng);
}
