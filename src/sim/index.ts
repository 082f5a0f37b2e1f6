/**
 * Simulation of El Firdoussi et al.'s model: real mixture, synthetic generator, label noise,
 * pruning, ridge classifier, accuracy; the direct (reference) simulator and the fast exact-in-law
 * simulator; batches of independent draws.
 *
 * Stable API for the figures:
 *   prepareReal(X, y, p, n): PreparedReal                      (X_r X_rᵀ, X_r y once per data set)
 *   sampleRealPrepared(mu, n, rng): PreparedReal               (a fresh real data set, in law)
 *   fastDraw(real, params: FastDrawParams, rng, {testSize?}): DrawResult
 *   directDraw(realX, realY, params, rng, {testSize?, labels?}): DrawResult
 *   fastDrawBatch(real, params, seed, indices, {testSize?}) / directDrawBatch(...)  (worker jobs)
 *   runFastBatch(real, params, {seed, draws, executor?, jobSize?, onProgress?}, {testSize?}) → BatchResult
 */
export { randomMean, makeLabels, sampleMixture, type LabelScheme, type LabelledData } from './mixture';
export {
  estimateGenerator, freshCovariance, generatorFromCovariance, generatorFromFactor, sampleSynthetic,
  type SyntheticGenerator, type EstimatedModel,
} from './synthetic';
export { flipLabels } from './label-noise';
export { pruneMask, countKept, sampleKeptCounts, type KeptCounts } from './pruning';
export { ridgeClassifier, ridgeFromMoments, type TrainingBlock } from './ridge';
export { empiricalAccuracy, gaussianAccuracy, symmetricAccuracy, type Accuracy } from './accuracy';
export { bartlettFactor, sampleWishart } from './wishart';
export {
  validateDrawParams, type DrawParams, type FastDrawParams, type DrawOptions, type DrawResult,
  type SyntheticCovariance, type ResolvedDrawParams,
} from './params';
export { directDraw, type DirectDrawOptions } from './direct';
export { prepareReal, emptyReal, sampleRealPrepared, fastDraw, type PreparedReal } from './fast';
export {
  summarize, summarizeDraws, drawStreams, fastDrawBatch, directDrawBatch, runFastBatch, runDirectBatch,
  type Summary, type BatchOptions, type BatchResult,
} from './batch';
