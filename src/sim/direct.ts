/**
 * The direct (reference) simulator of one draw: it draws every synthetic sample and follows the
 * protocol literally — generator covariance (fresh ZZᵀ/n̂, given factor, or I), m synthetic samples
 * N(±μ_β, C), label flips with probability ε, pruning with (ρ, φ), the ridge classifier on the real
 * and kept synthetic samples (N = n + m), and the test accuracy (exact Φ(wᵀμ/‖w‖) given w, or on
 * `testSize` fresh real samples). With a mixing weight β (`weight`) every kept synthetic sample
 * enters the Gram matrix and the target with weight β (the mask β·q). Cost O(p²(n + m) + p²n̂) per draw; the fast simulator (./fast.ts)
 * has the same law at a cost independent of m and n̂.
 */
import type { Rng } from '../random/rng';
import { checkLength } from '../linalg/checks';
import { gaussianAccuracy, empiricalAccuracy, symmetricAccuracy } from './accuracy';
import { flipLabels } from './label-noise';
import { sampleMixture, type LabelScheme } from './mixture';
import { countKept, pruneMask } from './pruning';
import { ridgeClassifier } from './ridge';
import { freshCovariance, generatorFromCovariance, generatorFromFactor, sampleSynthetic, type SyntheticGenerator } from './synthetic';
import { checkTestSize, validateDrawParams, type DrawOptions, type DrawParams, type DrawResult } from './params';

/** Options of the direct simulator: the test set size and the label scheme of drawn samples. */
export interface DirectDrawOptions extends DrawOptions {
  labels?: LabelScheme;
}

/** One draw of the direct simulator on the real data set (X_r p×n column-major, labels y). */
export function directDraw(
  realX: Float64Array,
  realY: Float64Array,
  params: DrawParams,
  rng: Rng,
  options: DirectDrawOptions = {},
): DrawResult {
  const P = validateDrawParams(params);
  const { p, m } = P;
  const n = realY.length;
  checkLength('realX', realX, p * n, `${p}×${n} (p from mu, n from realY)`);
  const testSize = checkTestSize(options.testSize);
  const labels = options.labels ?? 'balanced';
  const cov = P.covariance;
  let gen: SyntheticGenerator;
  if (cov.kind === 'identity') gen = generatorFromCovariance(P.muBeta, null);
  else if (cov.kind === 'factor') gen = generatorFromFactor(P.muBeta, cov.A, p);
  else gen = generatorFromCovariance(P.muBeta, freshCovariance(p, cov.nHat, rng));
  const syn = sampleSynthetic(gen, m, rng, labels);
  const yTilde = flipLabels(syn.y, P.epsilon, rng);
  const q = pruneMask(syn.y, yTilde, P.rho, P.phi, rng);
  const weighted = P.weight === 1 ? q : q.map((v) => P.weight * v);
  const w = ridgeClassifier(
    { x: realX, labels: realY, count: n },
    { x: syn.x, labels: yTilde, count: m, mask: weighted },
    p,
    P.gamma,
  );
  const exact = gaussianAccuracy(w, P.mu);
  let accuracy = exact.accuracy;
  if (testSize > 0) {
    const test = sampleMixture(P.mu, testSize, rng, labels);
    accuracy = empiricalAccuracy(w, test.x, test.y, p, testSize).accuracy;
  }
  const { keptCorrect, keptWrong } = countKept(syn.y, yTilde, q);
  return {
    accuracy,
    accuracySymmetric: symmetricAccuracy(accuracy),
    exactAccuracy: exact.accuracy,
    kept: keptCorrect + keptWrong,
    keptWrong,
    wMu: exact.wMu,
    wNorm: exact.wNorm,
    testSize,
  };
}
