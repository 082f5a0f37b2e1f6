/**
 * Random-matrix theory of El Firdoussi et al. (2025): Marchenko–Pastur, the fixed points of
 * Theorem 4.2, the toy setting and Corollary 4.3, the test accuracy of the three settings, and ε*.
 * The theory functions take an optional `{pruning: 'paper' | 'exact'}` (./pruning): the published
 * formulas (default) or their exact form for a 0/1 pruning mask.
 * Pure and I/O-free; bad parameters throw RangeError naming the parameter.
 */
export { normalCdf, normalSf, erf, erfc } from '../stats/normal-cdf';
export { mpDensity, mpEdges, mpAtom, mpCdf, mpKolmogorov } from './marchenko-pastur';
export {
  toyFixedPoint, toyFixedPointRaw, toyFixedPointWeightedRaw, toyFixedPointBracketed, generalFixedPointRaw, syntheticOnlyDelta, syntheticOnlyDeltaRaw, ConvergenceError,
  FIXED_POINT_TOLERANCE, MAX_ITERATIONS, type ToyFixedPoint, type GeneralFixedPoint,
} from './fixed-points';
export { accuracyFromMoments, TheoryDomainError, type TheoryResult } from './accuracy';
export { toyTheory } from './toy';
export { syntheticOnlyTheory } from './synthetic-only';
export {
  generalTheory, generalTheoryPrepared, generalTheoryDense, prepareCovariance, type PreparedCovariance,
} from './general';
export { epsilonStar } from './phase-transition';
export { CHECK_VALUES, CHECK_VALUE_TOLERANCE, checkValueTheory, checkField, evaluateCheckValues, type CheckValue, type CheckValueResult, type CheckField, type CheckSetting } from './check-values';
export {
  checkPruningMode, pruningModeOf, exactPruningReduction, applyPruning, PRUNING_MODES,
  type PruningMode, type TheoryOptions, type PrunedProblem,
} from './pruning';
export {
  noisePruning, validateToyParams, validateSyntheticOnlyParams, validateGeneralScalars, checkCovariance, checkWeight,
  type ToyParams, type SyntheticOnlyParams, type GeneralParams, type GeneralPreparedParams,
  type CovarianceInput, type NoisePruning,
} from './params';
export { checkWeightForMode, checkWeightWithoutRealData, PAPER_WEIGHT } from './weighted';
export {
  optimizeMixing, OPTIMIZE_OVER, OPTIMIZE_MODELS, WEIGHT_MAX, WEIGHT_MIN, ACCURACY_TIE,
  type OptimizeModel, type OptimizeOver, type OptimizeOptions, type OptimizeResult, type MixPoint, type Dip,
} from './optimize';
